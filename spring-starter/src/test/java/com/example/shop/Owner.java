package com.example.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "sb_owner")
public class Owner {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String name;

  @ManyToOne(fetch = FetchType.LAZY)
  private Organization organization;

  protected Owner() {}

  public Owner(String name, Organization organization) {
    this.name = name;
    this.organization = organization;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public Organization getOrganization() {
    return organization;
  }
}

package dev.nplusone.examples.springjpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An organization users belong to. */
@Entity
@Table(name = "organizations")
public class Organization {
  @Id private Long id;

  private String name;

  protected Organization() {}

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }
}

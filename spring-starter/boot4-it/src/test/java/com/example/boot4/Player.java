package com.example.boot4;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "sb4_player")
public class Player {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String name;

  @ManyToOne(fetch = FetchType.LAZY)
  private Team team;

  protected Player() {}

  public Player(String name, Team team) {
    this.name = name;
    this.team = team;
  }

  public String getName() {
    return name;
  }

  public Team getTeam() {
    return team;
  }
}

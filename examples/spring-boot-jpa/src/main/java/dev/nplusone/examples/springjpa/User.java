package dev.nplusone.examples.springjpa;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Set;

/** A user: its organization and its roles are lazy, as JPA mappings usually are. */
@Entity
@Table(name = "users")
public class User {
  @Id private Long id;

  private String email;

  @Column(name = "is_active")
  private boolean active;

  private LocalDateTime deletedAt;

  private LocalDateTime createdAt;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "organization_id")
  private Organization organization;

  /** A Set, not a List: a List would be a bag, and two bags cannot be fetched in one query. */
  @ElementCollection(fetch = FetchType.LAZY)
  @CollectionTable(name = "user_roles", joinColumns = @JoinColumn(name = "user_id"))
  @Column(name = "role")
  private Set<String> roles = new HashSet<>();

  protected User() {}

  public Long getId() {
    return id;
  }

  public String getEmail() {
    return email;
  }

  public boolean isActive() {
    return active;
  }

  public LocalDateTime getDeletedAt() {
    return deletedAt;
  }

  public LocalDateTime getCreatedAt() {
    return createdAt;
  }

  public Organization getOrganization() {
    return organization;
  }

  public Set<String> getRoles() {
    return roles;
  }
}

package dev.nplusone.examples.springjpa;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** What a user did, and when. */
@Entity
@Table(name = "audit_logs")
public class AuditLog {
  @Id private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "user_id")
  private User user;

  private String action;

  private LocalDateTime createdAt;

  protected AuditLog() {}

  public Long getId() {
    return id;
  }

  public User getUser() {
    return user;
  }

  public String getAction() {
    return action;
  }

  public LocalDateTime getCreatedAt() {
    return createdAt;
  }
}

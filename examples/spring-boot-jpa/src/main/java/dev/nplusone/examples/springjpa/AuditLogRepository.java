package dev.nplusone.examples.springjpa;

import org.springframework.data.jpa.repository.JpaRepository;

/** The audit log. */
public interface AuditLogRepository extends JpaRepository<AuditLog, Long> {}

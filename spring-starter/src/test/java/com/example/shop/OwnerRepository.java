package com.example.shop;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface OwnerRepository extends JpaRepository<Owner, Long> {
  @Query("select o from Owner o join fetch o.organization order by o.id")
  List<Owner> findAllWithOrganization();

  @Query("select o from Owner o order by o.id")
  List<Owner> findAllOrdered();
}

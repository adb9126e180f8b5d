package com.example.boot4;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface PlayerRepository extends JpaRepository<Player, Long> {
  @Query("select p from Player p order by p.id")
  List<Player> findAllOrdered();

  @Query("select p from Player p join fetch p.team order by p.id")
  List<Player> findAllWithTeam();
}

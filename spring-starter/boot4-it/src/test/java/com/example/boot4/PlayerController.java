package com.example.boot4;

import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PlayerController {
  private final PlayerRepository players;

  public PlayerController(PlayerRepository players) {
    this.players = players;
  }

  @GetMapping("/leagues/{league}/players")
  public List<String> list(@PathVariable("league") String league) {
    List<String> labels = new ArrayList<>();
    for (Player p : players.findAllOrdered()) {
      labels.add(p.getName() + " @ " + p.getTeam().getName()); // BOOT4-N+1
    }
    return labels;
  }

  @GetMapping("/leagues/{league}/players/fetched")
  public List<String> fetched(@PathVariable("league") String league) {
    List<String> labels = new ArrayList<>();
    for (Player p : players.findAllWithTeam()) {
      labels.add(p.getName() + " @ " + p.getTeam().getName());
    }
    return labels;
  }
}

package com.example.shop;

import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class OwnerController {
  private final OwnerRepository owners;
  private final OwnerService service;

  public OwnerController(OwnerRepository owners, OwnerService service) {
    this.owners = owners;
    this.service = service;
  }

  /** The N+1: one query for the owners, then one per organization, lazily in the view. */
  @GetMapping("/owners")
  public List<String> list() {
    List<String> labels = new ArrayList<>();
    for (Owner o : owners.findAllOrdered()) {
      labels.add(o.getName() + " @ " + o.getOrganization().getName()); // CONTROLLER-N+1
    }
    return labels;
  }

  /** The same page with JOIN FETCH: one query. */
  @GetMapping("/owners/fetched")
  public List<String> fetched() {
    List<String> labels = new ArrayList<>();
    for (Owner o : owners.findAllWithOrganization()) {
      labels.add(o.getName() + " @ " + o.getOrganization().getName());
    }
    return labels;
  }

  /** The N+1 inside a {@code @Transactional} service. */
  @GetMapping("/owners/in-transaction")
  public List<String> inTransaction() {
    return service.labels();
  }

  /** A route with a variable, to see the pattern rather than the URI. */
  @GetMapping("/owners/{id}/neighbours")
  public List<String> neighbours(@PathVariable("id") long id) {
    return list();
  }
}

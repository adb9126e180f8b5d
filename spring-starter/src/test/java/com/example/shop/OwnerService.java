package com.example.shop;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class OwnerService {
  private final OwnerRepository owners;

  public OwnerService(OwnerRepository owners) {
    this.owners = owners;
  }

  /** An N+1 inside one transaction: reported by the transaction's scope. */
  @Transactional(readOnly = true)
  public List<String> labels() {
    List<String> labels = new ArrayList<>();
    for (Owner o : owners.findAllOrdered()) {
      labels.add(o.getName() + " @ " + o.getOrganization().getName()); // SERVICE-N+1
    }
    return labels;
  }
}

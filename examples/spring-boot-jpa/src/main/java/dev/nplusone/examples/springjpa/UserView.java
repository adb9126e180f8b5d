package dev.nplusone.examples.springjpa;

import java.util.List;

/** One line of the listing: what both endpoints return. */
public record UserView(long id, String email, String organization, List<String> roles) {}

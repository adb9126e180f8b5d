package com.example.shop;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same on PostgreSQL, in a schema of its own so no other test's tables are touched. */
@ExtendWith(PostgresCondition.class)
class ShopPostgresWebTest extends ShopWebTestBase {
  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", PostgresCondition::url);
    registry.add("spring.jpa.properties.hibernate.default_schema", () -> "nplusone_starter");
    registry.add("spring.jpa.properties.hibernate.hbm2ddl.create_namespaces", () -> "true");
  }
}

package com.example.shop;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/** Mode throw: the offending request answers 500 with the finding; clean ones are untouched. */
@SpringBootTest(
    classes = ShopApplication.class,
    properties = {
      "nplusone.mode=throw",
      // The test data is inserted row by row in one transaction: not what is tested here.
      "nplusone.ignore-sql=^insert ",
      "spring.datasource.url=jdbc:h2:mem:shop-throw;DB_CLOSE_DELAY=-1",
      "spring.jpa.hibernate.ddl-auto=create-drop",
    })
@AutoConfigureMockMvc
@DirtiesContext
class ShopThrowModeTest {
  @Autowired MockMvc mvc;
  @Autowired OwnerRepository owners;
  @Autowired OrganizationRepository organizations;
  @Autowired TransactionTemplate tx;

  @BeforeEach
  void setUp() {
    tx.executeWithoutResult(
        s -> {
          if (owners.count() == 0) {
            for (int i = 1; i <= 5; i++) {
              owners.save(
                  new Owner("owner " + i, organizations.save(new Organization("org " + i))));
            }
          }
        });
  }

  @Test
  void nPlusOneInTheViewFailsTheRequestWith500AndTheMessage() throws Exception {
    mvc.perform(get("/owners"))
        .andExpect(status().isInternalServerError())
        .andExpect(content().contentTypeCompatibleWith("text/plain"))
        .andExpect(content().string(containsString("in scope 'GET /owners' (nplusone.mode=throw)")))
        .andExpect(content().string(containsString("N+1 query")))
        .andExpect(content().string(containsString("OwnerController.list")));
  }

  @Test
  void nPlusOneInATransactionFailsTheRequestWith500() throws Exception {
    mvc.perform(get("/owners/in-transaction"))
        .andExpect(status().isInternalServerError())
        .andExpect(
            content().string(containsString("in scope 'transaction' (nplusone.mode=throw)")));
  }

  @Test
  void cleanRequestsAnswerAsUsualThroughTheBuffer() throws Exception {
    mvc.perform(get("/owners/fetched"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(5));
  }
}

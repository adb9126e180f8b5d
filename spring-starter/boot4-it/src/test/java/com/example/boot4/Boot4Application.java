package com.example.boot4;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot 4 web app with Spring Data JPA, Hibernate 7 and an N+1 in its controller. */
@SpringBootApplication
public class Boot4Application {}

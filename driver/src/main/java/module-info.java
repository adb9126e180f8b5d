/** nplusone: finds N+1 queries at the JDBC layer. Only {@code dev.nplusone} is API. */
// datasource-proxy ships no module descriptor; its listener type is part of our API.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.nplusone {
  requires transitive java.sql;
  requires org.slf4j;
  requires com.github.benmanes.caffeine;
  requires net.sf.jsqlparser;
  requires static transitive net.ttddyy.dsproxy;
  requires static transitive com.zaxxer.hikari;

  exports dev.nplusone;

  provides java.sql.Driver with
      dev.nplusone.NPlusOneDriver;
}

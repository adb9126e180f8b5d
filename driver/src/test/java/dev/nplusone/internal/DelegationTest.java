package dev.nplusone.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Meta-test: every method of every JDBC interface we wrap, default methods included, is implemented
 * by our class (an inherited default would bypass the real driver) and reaches the delegate, with
 * the same arguments; the delegate's exception comes out as the same instance.
 */
class DelegationTest {

  /** Records calls; answers with stubs for interfaces and zero values for the rest. */
  static final class Recording implements InvocationHandler {
    final List<String> calls = new ArrayList<>();
    final List<Object[]> args = new ArrayList<>();
    SQLException toThrow;

    @Override
    public Object invoke(Object proxy, Method m, Object[] a) throws Throwable {
      if (m.getDeclaringClass() == Object.class) {
        switch (m.getName()) {
          case "hashCode":
            return System.identityHashCode(proxy);
          case "equals":
            return proxy == a[0];
          default:
            return "stub";
        }
      }
      calls.add(m.getName());
      args.add(a == null ? new Object[0] : a);
      if (toThrow != null) {
        throw toThrow;
      }
      return zero(m.getReturnType());
    }
  }

  static Object zero(Class<?> t) {
    if (t == boolean.class) {
      return false;
    }
    if (t == int.class) {
      return 0;
    }
    if (t == long.class) {
      return 0L;
    }
    if (t == short.class) {
      return (short) 0;
    }
    if (t == byte.class) {
      return (byte) 0;
    }
    if (t == float.class) {
      return 0f;
    }
    if (t == double.class) {
      return 0d;
    }
    if (t.isInterface()) {
      return stub(t, new Recording());
    }
    return null;
  }

  static <T> T stub(Class<T> iface, Recording handler) {
    return iface.cast(
        Proxy.newProxyInstance(
            DelegationTest.class.getClassLoader(), new Class<?>[] {iface}, handler));
  }

  static Object argument(Class<?> t) {
    if (t.isPrimitive()) {
      return t == boolean.class ? Boolean.TRUE : zeroPlusOne(t);
    }
    if (t == String.class) {
      return "select 1";
    }
    if (t == Class.class) {
      return Object.class;
    }
    if (t == Properties.class) {
      return new Properties();
    }
    if (t == Map.class) {
      return Map.of();
    }
    if (t.isArray()) {
      return java.lang.reflect.Array.newInstance(t.getComponentType(), 1);
    }
    if (t.isInterface()) {
      return stub(t, new Recording());
    }
    return null;
  }

  static Object zeroPlusOne(Class<?> t) {
    if (t == int.class) {
      return 1;
    }
    if (t == long.class) {
      return 1L;
    }
    if (t == short.class) {
      return (short) 1;
    }
    if (t == byte.class) {
      return (byte) 1;
    }
    if (t == float.class) {
      return 1f;
    }
    return 1d;
  }

  static JdbcContext context(String mode) throws SQLException {
    Config config =
        Config.resolve(
            Map.of("mode", mode), null, new Config.Sources(k -> null, k -> null, new Properties()));
    return new JdbcContext(config, "jdbc:h2:mem:x", Recorder.NONE);
  }

  interface Factory {
    Object wrap(Object delegate) throws SQLException;
  }

  static Stream<Arguments> wrappers() throws SQLException {
    JdbcContext on = context("silent");
    ProxyConnection conn = new ProxyConnection(stub(Connection.class, new Recording()), on, null);
    SqlShape shape = on.fingerprints().shape("select 1");
    List<Arguments> list = new ArrayList<>();
    for (JdbcContext ctx : List.of(on, context("off"))) {
      ProxyConnection c = new ProxyConnection(stub(Connection.class, new Recording()), ctx, null);
      list.add(
          args(
              Connection.class,
              ProxyConnection.class,
              d -> new ProxyConnection((Connection) d, ctx, null)));
      list.add(
          args(Statement.class, ProxyStatement.class, d -> new ProxyStatement(c, (Statement) d)));
      list.add(
          args(
              PreparedStatement.class,
              ProxyPreparedStatement.class,
              d -> new ProxyPreparedStatement(c, (PreparedStatement) d, shape)));
      list.add(
          args(
              CallableStatement.class,
              ProxyCallableStatement.class,
              d -> new ProxyCallableStatement(c, (CallableStatement) d, shape)));
    }
    list.add(
        args(
            ResultSet.class,
            ProxyResultSet.class,
            d ->
                new ProxyResultSet(
                    new ProxyStatement(conn, stub(Statement.class, new Recording())),
                    (ResultSet) d)));
    list.add(
        args(
            DatabaseMetaData.class,
            ProxyDatabaseMetaData.class,
            d -> new ProxyDatabaseMetaData(conn, (DatabaseMetaData) d)));
    list.add(
        args(
            DataSource.class,
            ProxyDataSource.class,
            d -> new ProxyDataSource((DataSource) d, on.config())));
    return list.stream();
  }

  static Arguments args(Class<?> iface, Class<?> ours, Factory f) {
    return Arguments.of(iface, ours, f);
  }

  @ParameterizedTest(name = "{1} implements every method of {0}")
  @MethodSource("wrappers")
  void everyInterfaceMethod_isImplementedByOurClass(Class<?> iface, Class<?> ours, Factory f)
      throws Exception {
    assertThat(Modifier.isFinal(ours.getModifiers())).as("%s is final", ours).isTrue();
    List<String> inherited = new ArrayList<>();
    for (Method m : iface.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      Method impl = ours.getMethod(m.getName(), m.getParameterTypes());
      if (impl.getDeclaringClass().isInterface()) {
        inherited.add(m.toString());
      }
    }
    assertThat(inherited).as("methods left to the interface's default").isEmpty();
  }

  @ParameterizedTest(name = "{1} passes every call of {0} to the delegate")
  @MethodSource("wrappers")
  void everyInterfaceMethod_reachesTheDelegate(Class<?> iface, Class<?> ours, Factory f)
      throws Exception {
    for (Method m : iface.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      Recording rec = new Recording();
      Object wrapper = f.wrap(stub(iface, rec));
      Object[] a = new Object[m.getParameterCount()];
      for (int i = 0; i < a.length; i++) {
        a[i] = argument(m.getParameterTypes()[i]);
      }
      if (m.getName().equals("unwrap") || m.getName().equals("isWrapperFor")) {
        a[0] = Runnable.class; // neither we nor the stub are: must ask the delegate
      }
      try {
        m.invoke(wrapper, a);
      } catch (InvocationTargetException e) {
        fail(m + " threw " + e.getCause(), e.getCause());
      }
      assertThat(rec.calls).as("calls reaching the delegate for %s", m).contains(m.getName());
      int at = rec.calls.indexOf(m.getName());
      assertThat(rec.args.get(at)).as("arguments of %s", m).containsExactly(a);
    }
  }

  @ParameterizedTest(name = "{1} lets the delegate's SQLException out unchanged")
  @MethodSource("wrappers")
  void delegateException_passesThroughAsTheSameInstance(Class<?> iface, Class<?> ours, Factory f)
      throws Exception {
    for (Method m : iface.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())
          || !List.of(m.getExceptionTypes()).contains(SQLException.class)) {
        continue;
      }
      Recording rec = new Recording();
      SQLException thrown = new SQLException("boom " + m.getName(), "42000");
      rec.toThrow = thrown;
      Object wrapper = f.wrap(stub(iface, rec));
      Object[] a = new Object[m.getParameterCount()];
      for (int i = 0; i < a.length; i++) {
        a[i] = argument(m.getParameterTypes()[i]);
      }
      if (m.getName().equals("unwrap") || m.getName().equals("isWrapperFor")) {
        a[0] = Runnable.class; // neither we nor the stub are: must ask the delegate
      }
      try {
        m.invoke(wrapper, a);
        fail(m + " did not throw");
      } catch (InvocationTargetException e) {
        assertThat(e.getCause()).as("exception of %s", m).isSameAs(thrown);
      }
    }
  }
}

package dev.aftersales.database;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.PriorityOrdered;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The case store's connections stay in manual-commit mode in the pool, so that a transaction costs its
 * statements and one {@code COMMIT} at the server, not also a {@code SET autocommit=0} before and a
 * {@code SET autocommit=1} after it (docs/benchmarks.md: two round trips per transaction, 19 transactions
 * per auto-approved return; 138 commands at the server per case before, 106 after).
 *
 * <p>Whoever takes a connection still sees JDBC's default, auto-commit, and gets it: the mode a caller sets is
 * applied to the pooled connection only before something reaches the server (a statement, a commit, the
 * metadata), and only where it differs. Spring's transaction manager sets manual commit, runs the job's
 * statements, commits and sets auto-commit back; none of its switches is sent, because the connection was in
 * manual commit all along. A statement outside a transaction switches its connection to auto-commit first
 * (one round trip, and one more when the pool resets it), so that it commits by itself as before: nothing
 * written outside a transaction is ever left uncommitted. Switching back to auto-commit with statements run
 * since the last commit commits them, as JDBC requires.
 */
public final class ManualCommitConnections implements BeanPostProcessor, PriorityOrdered {

  /**
   * Connection methods that neither reach the server nor depend on the commit mode: answered without applying
   * the caller's mode first.
   */
  private static final Set<String> LOCAL = Set.of("isClosed", "isValid", "getWarnings", "clearWarnings",
      "isReadOnly", "setReadOnly", "getTransactionIsolation", "setTransactionIsolation", "getHoldability",
      "setHoldability", "getCatalog", "getSchema", "getClientInfo", "setClientInfo", "getNetworkTimeout",
      "setNetworkTimeout", "getTypeMap", "abort", "unwrap", "isWrapperFor");

  /** Wraps the pool first, inside any other wrapper (the tests' statement counter). */
  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool) {
      pool.setAutoCommit(false); // before the pool's first connection: every pooled connection starts so
      return new ManualCommitDataSource(pool);
    }
    return bean;
  }

  /** The pool, its connections handed out as described above. */
  static final class ManualCommitDataSource extends DelegatingDataSource {

    ManualCommitDataSource(HikariDataSource pool) {
      super(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
      return wrap(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return wrap(super.getConnection(username, password));
    }
  }

  static Connection wrap(Connection pooled) throws SQLException {
    return (Connection) Proxy.newProxyInstance(ManualCommitConnections.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new CommitMode(pooled));
  }

  /** One connection: the mode its caller asked for, and the mode the pooled connection is in. */
  private static final class CommitMode implements InvocationHandler {

    private final Connection pooled;
    private boolean autoCommit = true; // what the caller sees: JDBC's default until it asks otherwise
    private boolean applied; // the pooled connection's own mode
    private boolean uncommitted; // statements may have run in manual commit since the last commit or rollback

    CommitMode(Connection pooled) throws SQLException {
      this.pooled = pooled;
      this.applied = pooled.getAutoCommit(); // kept by the driver (useLocalSessionState): no round trip
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "getAutoCommit":
          return autoCommit;
        case "setAutoCommit":
          boolean wanted = (Boolean) args[0];
          if (wanted && !autoCommit && uncommitted) {
            apply(true); // JDBC: switching to auto-commit commits the transaction in progress
          }
          autoCommit = wanted;
          return null;
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        case "toString":
          return "manual-commit " + pooled;
        case "close":
          return forward(method, args); // the pool puts the connection back in manual commit if it was switched
        default:
          if (LOCAL.contains(method.getName())) {
            return forward(method, args);
          }
          apply(autoCommit);
          Object result = forward(method, args);
          String name = method.getName();
          if ((name.equals("commit") || name.equals("rollback")) && (args == null || args.length == 0)) {
            uncommitted = false;
          } else if (!autoCommit) {
            uncommitted = true;
          }
          return result;
      }
    }

    private void apply(boolean mode) throws SQLException {
      if (applied != mode) {
        pooled.setAutoCommit(mode);
        applied = mode;
        if (mode) {
          uncommitted = false;
        }
      }
    }

    private Object forward(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(pooled, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}

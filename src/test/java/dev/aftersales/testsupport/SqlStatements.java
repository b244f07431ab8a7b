package dev.aftersales.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts the SQL statements the application sends to the case store: every execution (one
 * {@code execute*} call, a batch counting once) is one round trip to the database. Listeners get
 * each statement with its bound parameters, so a test can attribute statements to a case by its
 * id. Registered in a Spring context by {@link Wrapping}, which wraps the application's data source.
 */
public final class SqlStatements {

  /**
   * One executed statement: its SQL, the values bound to it (all rows of a batch), its thread, and whether it ran in
   * a Spring-managed transaction (outside one, its connection is switched to auto-commit and back: two round trips
   * more, {@code database.ManualCommitConnections}).
   */
  public record Executed(String sql, List<Object> parameters, Thread thread, boolean inTransaction) {

    public boolean mentions(Set<String> values) {
      return parameters.stream().anyMatch(p -> p != null && values.contains(p.toString()));
    }
  }

  public interface Listener {
    void executed(Executed statement);
  }

  private static final List<Listener> LISTENERS = new CopyOnWriteArrayList<>();

  private static final Set<String> EXECUTING = Set.of("execute", "executeQuery", "executeUpdate",
      "executeLargeUpdate", "executeBatch", "executeLargeBatch");

  private SqlStatements() {}

  /** Adds a listener until the returned handle is closed. */
  public static AutoCloseable listen(Listener listener) {
    LISTENERS.add(listener);
    return () -> LISTENERS.remove(listener);
  }

  public static DataSource wrap(DataSource target) {
    return target instanceof CountingDataSource ? target : new CountingDataSource(target);
  }

  /** Wraps every {@link DataSource} bean of the context it is registered in. */
  public static class Wrapping implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
      return bean instanceof DataSource dataSource ? wrap(dataSource) : bean;
    }
  }

  private static final class CountingDataSource extends DelegatingDataSource {

    CountingDataSource(DataSource target) {
      super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
      return connection(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return connection(super.getConnection(username, password));
    }
  }

  private static Connection connection(Connection target) {
    return (Connection) Proxy.newProxyInstance(SqlStatements.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          Object result = invoke(target, method, args);
          if (result instanceof Statement statement && method.getName().startsWith("prepare")
              || result instanceof Statement && method.getName().equals("createStatement")) {
            String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
            return statement((Statement) result, sql);
          }
          return result;
        });
  }

  private static Statement statement(Statement target, String preparedSql) {
    Class<?> type = target instanceof CallableStatement ? CallableStatement.class
        : target instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
    return (Statement) Proxy.newProxyInstance(SqlStatements.class.getClassLoader(), new Class<?>[] {type},
        new StatementHandler(target, preparedSql));
  }

  /** Keeps the bound parameters of a statement so listeners can see them. */
  private static final class StatementHandler implements InvocationHandler {

    private final Statement target;
    private final String preparedSql;
    private final TreeMap<Integer, Object> bound = new TreeMap<>();
    private final List<Object> batched = new ArrayList<>();

    StatementHandler(Statement target, String preparedSql) {
      this.target = target;
      this.preparedSql = preparedSql;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (!LISTENERS.isEmpty()) {
        if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index
            && method.getDeclaringClass() != Statement.class) {
          bound.put(index, args[1]);
        } else if (name.equals("addBatch") && (args == null || args.length == 0)) {
          batched.addAll(bound.values());
        } else if (name.equals("clearParameters")) {
          bound.clear();
        }
      }
      if (EXECUTING.contains(name)) {
        if (!LISTENERS.isEmpty()) {
          String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
          List<Object> parameters = new ArrayList<>(batched);
          parameters.addAll(bound.values());
          Executed executed = new Executed(sql, parameters, Thread.currentThread(),
              TransactionSynchronizationManager.isActualTransactionActive());
          LISTENERS.forEach(l -> l.executed(executed));
        }
        if (name.startsWith("executeLargeBatch") || name.equals("executeBatch")) {
          batched.clear();
        }
      }
      return SqlStatements.invoke(target, method, args);
    }
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}

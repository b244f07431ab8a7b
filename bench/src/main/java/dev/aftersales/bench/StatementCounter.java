package dev.aftersales.bench;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Counts the statements the application's code executes, inside MySQL Connector/J (a query interceptor named in the
 * benchmark's JDBC URL): each execution of a statement the application prepared or created, a JDBC batch once, as
 * {@code SqlStatements} of the tests counts them; not what the driver sends on its own ({@code COMMIT}, session
 * settings), which has no statement of the application's behind it. Unlike {@code SqlStatements}, which wraps every
 * connection and statement in a proxy whose every call goes through reflection (about 3 % of the application's CPU in
 * the benchmark's profile of 7 December 2026), it adds nothing to a call but a counter's increment.
 */
public final class StatementCounter implements QueryInterceptor {

  private static final LongAdder EXECUTED = new LongAdder();

  /** Statements executed so far by every connection that names this interceptor. */
  static long executed() {
    return EXECUTED.sum();
  }

  @Override
  public QueryInterceptor init(MysqlConnection connection, Properties properties, Log log) {
    return this;
  }

  @Override
  public <T extends Resultset> T preProcess(Supplier<String> sql, Query interceptedQuery) {
    if (interceptedQuery != null) {
      EXECUTED.increment();
    }
    return null;
  }

  @Override
  public boolean executeTopLevelOnly() {
    return true;
  }

  @Override
  public void destroy() {
  }

  @Override
  public <T extends Resultset> T postProcess(Supplier<String> sql, Query interceptedQuery, T originalResultSet,
      ServerSession serverSession) {
    return null;
  }
}

package org.dossier.catalog;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SQLite's prepared statements kept with their connection and handed out again. The driver compiles
 * a statement each time it is prepared and keeps none, and neither does the pool; a write through
 * the admin API prepares twenty or so (about a sixth of a PUT's time went to compiling them).
 *
 * <p>A pooled connection is handed out {@linkplain #wrap wrapped}: its {@code
 * prepareStatement(String)} returns the statement kept on the driver's connection for that text,
 * and that statement's {@code close()} clears its parameters, batch and result set and gives it
 * back instead of freeing it. A text prepared again while its statement is out (a query nested in a
 * loop over the same query) gets a statement of its own, closed as usual. Everything else goes to
 * the pool's connection. Statements die with their connection; the kept ones of a closed connection
 * are forgotten when the next new connection is seen.
 */
final class KeptStatements {
  /** Statements kept per connection, the least recently used given up first. */
  private static final int PER_CONNECTION = 96;

  private final Map<Connection, PerConnection> kept = new ConcurrentHashMap<>();

  /** The pooled connection, its prepared statements kept. */
  Connection wrap(Connection pooled) throws SQLException {
    Connection driver = pooled.unwrap(Connection.class);
    PerConnection statements = kept.get(driver);
    if (statements == null) {
      forgetClosed();
      statements = kept.computeIfAbsent(driver, d -> new PerConnection(d));
    }
    return (Connection)
        Proxy.newProxyInstance(
            KeptStatements.class.getClassLoader(),
            new Class<?>[] {Connection.class, Pooled.class},
            new ConnectionHandler(pooled, statements));
  }

  /** The pool's connection behind a wrapped one (to hand back or evict), or the same one. */
  static Connection pooled(Connection c) {
    return c instanceof Pooled p ? p.pooledConnection() : c;
  }

  private void forgetClosed() {
    for (Iterator<Map.Entry<Connection, PerConnection>> i = kept.entrySet().iterator();
        i.hasNext(); ) {
      try {
        if (i.next().getKey().isClosed()) {
          i.remove();
        }
      } catch (SQLException e) {
        i.remove();
      }
    }
  }

  /** Lets the catalog reach the pool's connection behind a wrapped one. */
  interface Pooled {
    Connection pooledConnection();
  }

  private static final class ConnectionHandler implements InvocationHandler {
    private final Connection pooled;
    private final PerConnection statements;

    ConnectionHandler(Connection pooled, PerConnection statements) {
      this.pooled = pooled;
      this.statements = statements;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "prepareStatement":
          if (args.length == 1) {
            return statements.prepare((String) args[0]);
          }
          break;
        case "pooledConnection":
          return pooled;
        default:
          break;
      }
      Object own = objectMethod(proxy, method, args, pooled);
      return own != null ? own : call(pooled, method, args);
    }
  }

  private static final class PerConnection {
    private final Connection driver;
    private final LinkedHashMap<String, Kept> bySql = new LinkedHashMap<>(32, 0.75f, true);

    PerConnection(Connection driver) {
      this.driver = driver;
    }

    synchronized PreparedStatement prepare(String sql) throws SQLException {
      Kept k = bySql.get(sql);
      if (k != null && k.out) {
        return driver.prepareStatement(sql);
      }
      if (k != null && k.statement.isClosed()) {
        bySql.remove(sql);
        k = null;
      }
      if (k == null) {
        k = new Kept(driver.prepareStatement(sql));
        bySql.put(sql, k);
        giveUpEldest();
      }
      k.out = true;
      return (PreparedStatement)
          Proxy.newProxyInstance(
              KeptStatements.class.getClassLoader(),
              new Class<?>[] {PreparedStatement.class},
              new Lending(this, k));
    }

    private void giveUpEldest() throws SQLException {
      if (bySql.size() <= PER_CONNECTION) {
        return;
      }
      for (Iterator<Kept> i = bySql.values().iterator(); i.hasNext(); ) {
        Kept k = i.next();
        if (!k.out) {
          i.remove();
          k.statement.close();
          return;
        }
      }
    }

    synchronized void giveBack(Kept k) {
      k.out = false;
    }
  }

  private static final class Kept {
    final PreparedStatement statement;
    boolean out;

    Kept(PreparedStatement statement) {
      this.statement = statement;
    }
  }

  /** One lending of a kept statement: closing it gives the statement back, reset. */
  private static final class Lending implements InvocationHandler {
    private final PerConnection owner;
    private final Kept kept;
    private final List<ResultSet> resultSets = new ArrayList<>(1);
    private boolean closed;

    Lending(PerConnection owner, Kept kept) {
      this.owner = owner;
      this.kept = kept;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "close":
          if (!closed) {
            closed = true;
            giveBack();
          }
          return null;
        case "isClosed":
          return closed || kept.statement.isClosed();
        default:
          break;
      }
      Object own = objectMethod(proxy, method, args, kept.statement);
      if (own != null) {
        return own;
      }
      if (closed) {
        throw new SQLException("statement is closed");
      }
      Object result = call(kept.statement, method, args);
      if (result instanceof ResultSet rs) {
        resultSets.add(rs);
      }
      return result;
    }

    private void giveBack() throws SQLException {
      PreparedStatement statement = kept.statement;
      try {
        for (ResultSet rs : resultSets) {
          rs.close();
        }
        resultSets.clear();
        if (!statement.isClosed()) {
          statement.clearBatch();
          statement.clearParameters();
        }
      } catch (SQLException e) {
        // A statement that cannot be reset is not lent again.
        statement.close();
        throw e;
      } finally {
        owner.giveBack(kept);
      }
    }
  }

  /** A proxy's equals, hashCode and toString (by identity), or null for any other method. */
  private static Object objectMethod(Object proxy, Method method, Object[] args, Object behind) {
    return switch (method.getName()) {
      case "equals" -> method.getParameterCount() == 1 ? proxy == args[0] : null;
      case "hashCode" -> method.getParameterCount() == 0 ? System.identityHashCode(proxy) : null;
      case "toString" -> method.getParameterCount() == 0 ? "kept " + behind : null;
      default -> null;
    };
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}

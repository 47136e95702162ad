package org.dossier.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQLite catalog keeps its prepared statements with their connection: a statement prepared again
 * is the one compiled before, handed back reset (no parameters, no open result set, no read
 * transaction held), and a text prepared again while its statement is out gets one of its own.
 */
class KeptStatementsTest {
  @TempDir Path dir;
  private Catalog catalog;

  @BeforeEach
  void open() {
    // One connection, so that every borrowing gets the same one.
    catalog = Catalog.open("jdbc:sqlite:" + dir.resolve("catalog.db"), "", "", 1);
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  private static PreparedStatement driverStatement(PreparedStatement ps) throws SQLException {
    return ps.unwrap(PreparedStatement.class);
  }

  @Test
  void aStatementPreparedAgainIsTheOneCompiledBefore() throws Exception {
    PreparedStatement first;
    try (Connection c = catalog.connection(true);
        PreparedStatement ps = c.prepareStatement("SELECT ? + 1")) {
      first = driverStatement(ps);
      ps.setInt(1, 41);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(42, rs.getInt(1));
      }
    }
    try (Connection c = catalog.connection(true);
        PreparedStatement ps = c.prepareStatement("SELECT ? + 1")) {
      assertSame(first, driverStatement(ps));
      assertFalse(first.isClosed());
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertNull(rs.getObject(1), "the parameter set before was cleared");
      }
    }
  }

  @Test
  void aClosedLendingCannotBeUsedAndAClosedStatementIsNotLentAgain() throws Exception {
    try (Connection c = catalog.connection(true)) {
      PreparedStatement ps = c.prepareStatement("SELECT 1");
      ps.close();
      assertTrue(ps.isClosed());
      assertThrows(SQLException.class, ps::executeQuery);
      PreparedStatement driver;
      try (PreparedStatement again = c.prepareStatement("SELECT 1")) {
        driver = driverStatement(again);
        driver.close(); // as the driver does when its connection goes
      }
      try (PreparedStatement third = c.prepareStatement("SELECT 1");
          ResultSet rs = third.executeQuery()) {
        assertNotSame(driver, driverStatement(third));
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void theSameTextPreparedWhileItsStatementIsOutGetsOneOfItsOwn() throws Exception {
    try (Connection c = catalog.connection(true);
        PreparedStatement outer = c.prepareStatement("SELECT ?");
        PreparedStatement inner = c.prepareStatement("SELECT ?")) {
      assertNotSame(driverStatement(outer), driverStatement(inner));
      outer.setString(1, "outer");
      inner.setString(1, "inner");
      try (ResultSet a = outer.executeQuery();
          ResultSet b = inner.executeQuery()) {
        assertTrue(a.next() && b.next());
        assertEquals("outer", a.getString(1));
        assertEquals("inner", b.getString(1));
      }
    }
  }

  @Test
  void aResultSetLeftOpenIsClosedWhenItsStatementIsGivenBackAndHoldsNoSnapshot() throws Exception {
    try (CatalogWriter w = catalog.writer()) {
      for (int i = 0; i < 3; i++) {
        w.put(org.dossier.testing.Fixtures.record("r" + i).build());
      }
      w.commit();
    }
    try (Connection c = catalog.connection(true)) {
      PreparedStatement ps = c.prepareStatement("SELECT id FROM records ORDER BY id");
      ResultSet rs = ps.executeQuery();
      assertTrue(rs.next()); // one row of three read, the rest left
      ps.close();
      assertTrue(rs.isClosed());
      // A statement left stepping would keep its read transaction: the log could not be emptied.
      try (Statement s = c.createStatement();
          ResultSet checkpoint = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
        assertTrue(checkpoint.next());
        assertEquals(0, checkpoint.getInt(1), "the checkpoint was not blocked");
      }
    }
  }
}

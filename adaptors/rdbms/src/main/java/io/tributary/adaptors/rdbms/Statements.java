package io.tributary.adaptors.rdbms;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** Binds parameters by their Java type; a null is bound untyped. */
final class Statements {
  private Statements() {}

  static void bind(PreparedStatement st, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      Object p = params.get(i);
      if (p == null) st.setNull(i + 1, Types.NULL);
      else st.setObject(i + 1, p);
    }
  }
}

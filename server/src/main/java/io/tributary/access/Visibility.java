package io.tributary.access;

import io.tributary.core.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * The SQL that says what a scope can see. An integration grant reaches the integration, its flows,
 * the exports and imports those flows use (or that name the integration), the connections of all of
 * these, and the scripts any of them references. Ids are inlined: they are checked to be 24 hex
 * characters first, and an id list may be empty (which {@code in (<list>)} binding cannot express).
 */
public final class Visibility {
  private final Jdbi jdbi;

  public Visibility(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * A predicate over the unaliased {@code resources} row (or {@code jobs} row for jobs) that keeps
   * what {@code scope} reaches at {@code min}; null when it reaches everything.
   */
  public static String condition(Kind kind, Scope scope, Level min) {
    if (scope.everything(min)) return null;
    return new Sql(scope, min).of(kind, "");
  }

  /**
   * Whether the resource (or job) {@code id} exists but lies outside what {@code scope} reaches at
   * {@code min}. An unknown id is not "outside": the route answers its own 404.
   */
  public boolean outside(Kind kind, String id, Scope scope, Level min) {
    String cond = condition(kind, scope, min);
    if (cond == null || !Ids.isId(id)) return false;
    String table = kind == Kind.JOB ? "jobs" : "resources";
    String typeCheck = kind == Kind.JOB ? "" : " and type = '" + kind.resourceType() + "'";
    String sql =
        "select case when "
            + cond
            + " then 1 else 0 end from "
            + table
            + " where id = :id"
            + typeCheck;
    return jdbi.withHandle(h -> h.createQuery(sql).bind("id", id).mapTo(Integer.class).findOne())
        .map(v -> v == 0)
        .orElse(false);
  }

  /** Of {@code ids}, those that are resources {@code scope} cannot see at {@code min}. */
  public List<String> unseen(Set<String> ids, Scope scope, Level min) {
    List<String> out = new ArrayList<>();
    if (scope.everything(min) || ids.isEmpty()) return out;
    String list = Sql.list(ids);
    jdbi.useHandle(
        h ->
            h.createQuery("select id, type from resources where id in (" + list + ")")
                .map((rs, ctx) -> List.of(rs.getString(1), rs.getString(2)))
                .forEach(
                    row -> {
                      Kind k = Kind.ofResourceType(row.get(1));
                      String cond = k == null ? null : condition(k, scope, min);
                      if (cond != null
                          && !jdbi.withHandle(
                              h2 ->
                                  h2.createQuery(
                                              "select count(*) from resources where id = :id and ("
                                                  + cond
                                                  + ")")
                                          .bind("id", row.get(0))
                                          .mapTo(Long.class)
                                          .one()
                                      > 0)) {
                        out.add(row.get(0));
                      }
                    }));
    return out;
  }

  /** Builds the predicates; {@code a} is the alias prefix of the row they test ("" or "v."). */
  private record Sql(Scope scope, Level min) {
    String of(Kind kind, String a) {
      return switch (kind) {
        case INTEGRATION -> in(a + "id", scope.integrationIds(min));
        case FLOW -> in(a + "integration_id", scope.integrationIds(min));
        case EXPORT -> step(a, scope.exportIds(min));
        case IMPORT -> step(a, scope.importIds(min));
        case CONNECTION ->
            or(
                in(a + "id", scope.connectionIds(min)),
                a
                    + "id in (select cr.to_id from resource_refs cr where cr.from_id in (select cv.id from resources cv where "
                    + holders("cv.")
                    + "))");
        case SCRIPT ->
            a
                + "id in (select sr.to_id from resource_refs sr where sr.from_id in (select sv.id from resources sv where "
                + holders("sv.")
                + " or (sv.type = 'connections' and ("
                + of(Kind.CONNECTION, "sv.")
                + "))))";
        case JOB ->
            a
                + "flow_id in (select jf.id from resources jf where jf.type = 'flows' and ("
                + of(Kind.FLOW, "jf.")
                + "))";
      };
    }

    /**
     * Integrations, flows, exports and imports the scope reaches (what connections and scripts hang
     * off).
     */
    private String holders(String v) {
      return "("
          + v
          + "type = 'integrations' and ("
          + of(Kind.INTEGRATION, v)
          + ")) or ("
          + v
          + "type = 'flows' and ("
          + of(Kind.FLOW, v)
          + ")) or ("
          + v
          + "type = 'exports' and ("
          + of(Kind.EXPORT, v)
          + ")) or ("
          + v
          + "type = 'imports' and ("
          + of(Kind.IMPORT, v)
          + "))";
    }

    private String step(String a, Set<String> own) {
      Set<String> integrations = scope.integrationIds(min);
      String viaFlows =
          integrations.isEmpty()
              ? "1=0"
              : a
                  + "id in (select fr.to_id from resource_refs fr join resources ff on ff.id = fr.from_id "
                  + "where ff.type = 'flows' and ff.integration_id in ("
                  + list(integrations)
                  + "))";
      return or(in(a + "id", own), in(a + "integration_id", integrations), viaFlows);
    }

    private static String in(String column, Set<String> ids) {
      return ids.isEmpty() ? "1=0" : column + " in (" + list(ids) + ")";
    }

    private static String or(String... parts) {
      return "(" + String.join(" or ", parts) + ")";
    }

    static String list(Set<String> ids) {
      for (String id : ids) {
        if (!Ids.isId(id)) throw new IllegalArgumentException("not an id: " + id);
      }
      return ids.stream().sorted().map(id -> "'" + id + "'").collect(Collectors.joining(","));
    }
  }
}

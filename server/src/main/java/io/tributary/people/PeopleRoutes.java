package io.tributary.people;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tributary.audit.AuditLog;
import io.tributary.core.Times;
import io.tributary.secrets.SecretRule;
import io.tributary.web.Actor;
import io.tributary.web.ApiException;
import io.tributary.web.Requests;
import org.jdbi.v3.core.Handle;

/**
 * People (D29): {@code /v1/ashares} and {@code POST /v1/invite}. An invitation answers a one-time
 * link to set a password (no mail server is assumed: the inviter passes it on). Who may call these
 * is in the access policy (full access only).
 */
public final class PeopleRoutes {
  static final String AUDIT_TYPE = "ashare";

  /** The page the link opens; it posts the token and the new password to {@code /auth/password}. */
  public static final String SET_PASSWORD_PAGE = "/set-password";

  private final PeopleStore people;
  private final AuditLog audit;

  public PeopleRoutes(PeopleStore people, AuditLog audit) {
    this.people = people;
    this.audit = audit;
  }

  public void register(RoutesConfig routes) {
    routes.get(
        "/v1/ashares",
        ctx -> Requests.json(ctx, 200, people.list().stream().map(Person::view).toList()));
    routes.get(
        "/v1/ashares/{id}", ctx -> Requests.json(ctx, 200, find(ctx.pathParam("id")).view()));
    routes.put("/v1/ashares/{id}", this::update);
    routes.delete("/v1/ashares/{id}", this::delete);
    routes.post("/v1/ashares/{id}/passwordLink", this::newLink);
    routes.post("/v1/invite", this::invite);
  }

  private Person find(String id) {
    return people.get(id).orElseThrow(() -> ApiException.notFound("Share"));
  }

  private boolean integrationExists(String id) {
    return people
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "select count(*) from resources where id = :id and type = 'integrations'")
                        .bind("id", id)
                        .mapTo(Long.class)
                        .one())
        > 0;
  }

  private void invite(Context ctx) {
    AccessFields f = AccessFields.invite(Requests.body(ctx), this::integrationExists);
    Actor actor = Requests.actor(ctx);
    ObjectNode out =
        people
            .jdbi()
            .inTransaction(
                h -> {
                  if (people.emailTaken(h, f.email())) {
                    throw new ApiException(
                        409, "already_invited", f.email() + " is already invited", "email");
                  }
                  Person p = people.insert(h, f.email(), f.doc());
                  audit.record(
                      h, AUDIT_TYPE, p.id(), "create", actor, null, p.view(), SecretRule.NONE);
                  return withLink(h, p, ctx);
                });
    Requests.json(ctx, 201, out);
  }

  /**
   * A new link for someone who lost theirs or whose link expired (it also resets a forgotten
   * password).
   */
  private void newLink(Context ctx) {
    Person p = find(ctx.pathParam("id"));
    Requests.json(ctx, 201, people.jdbi().inTransaction(h -> withLink(h, p, ctx)));
  }

  private ObjectNode withLink(Handle h, Person p, Context ctx) {
    PeopleStore.Link link = people.newLink(h, p.id());
    ObjectNode out = p.view();
    out.put("setPasswordURL", Requests.origin(ctx) + SET_PASSWORD_PAGE + "#token=" + link.token());
    out.put("setPasswordToken", link.token());
    out.put("setPasswordExpiresAt", Times.iso(link.expiresAt()));
    return out;
  }

  private void update(Context ctx) {
    Person before = find(ctx.pathParam("id"));
    ObjectNode doc = AccessFields.update(Requests.body(ctx), before.doc(), this::integrationExists);
    Actor actor = Requests.actor(ctx);
    Person after =
        people
            .jdbi()
            .inTransaction(
                h -> {
                  people.update(h, before.id(), doc);
                  Person a = people.get(h, before.id()).orElseThrow();
                  audit.record(
                      h,
                      AUDIT_TYPE,
                      before.id(),
                      "update",
                      actor,
                      before.view(),
                      a.view(),
                      SecretRule.NONE);
                  return a;
                });
    Requests.json(ctx, 200, after.view());
  }

  private void delete(Context ctx) {
    Person before = find(ctx.pathParam("id"));
    Actor actor = Requests.actor(ctx);
    people
        .jdbi()
        .useTransaction(
            h -> {
              people.delete(h, before.id());
              audit.record(
                  h,
                  AUDIT_TYPE,
                  before.id(),
                  "delete",
                  actor,
                  before.view(),
                  null,
                  SecretRule.NONE);
            });
    ctx.status(204);
  }
}

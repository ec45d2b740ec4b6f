package io.tributary.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.Adaptor;
import io.tributary.adaptors.AdaptorDescriptor;
import io.tributary.adaptors.JobSession;
import io.tributary.adaptors.LookupResult;
import io.tributary.adaptors.PageSource;
import io.tributary.adaptors.Redactor;
import io.tributary.adaptors.StepContext;
import io.tributary.adaptors.SubmitResult;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An adaptor as the engine sees it for one connection: every failure and record error that comes
 * out has that connection's secrets taken out, before it is stored in a job or an error, logged, or
 * answered. One place, so no adaptor (built-in or not) has to remember.
 */
final class RedactingAdaptor implements Adaptor {
  private final Adaptor adaptor;
  private final Redactor redactor;

  private RedactingAdaptor(Adaptor adaptor, Redactor redactor) {
    this.adaptor = adaptor;
    this.redactor = redactor;
  }

  static Adaptor of(Adaptor adaptor, Redactor redactor) {
    return redactor.isEmpty() ? adaptor : new RedactingAdaptor(adaptor, redactor);
  }

  /** The adaptor under the wrapper: job sessions belong to it, not to one connection's wrapper. */
  static Adaptor unwrap(Adaptor adaptor) {
    return adaptor instanceof RedactingAdaptor r ? r.adaptor : adaptor;
  }

  @Override
  public AdaptorDescriptor descriptor() {
    return adaptor.descriptor();
  }

  @Override
  public Set<String> connectionTypes() {
    return adaptor.connectionTypes();
  }

  @Override
  public JobSession openSession(String jobId) {
    return adaptor.openSession(jobId);
  }

  @Override
  public void ping(StepContext context) {
    try {
      adaptor.ping(context);
    } catch (RuntimeException e) {
      throw redactor.apply(e);
    }
  }

  @Override
  public PageSource export(StepContext context) {
    PageSource source;
    try {
      source = adaptor.export(context);
    } catch (RuntimeException e) {
      throw redactor.apply(e);
    }
    return new PageSource() {
      @Override
      public Optional<List<ObjectNode>> next() {
        try {
          return source.next();
        } catch (RuntimeException e) {
          throw redactor.apply(e);
        }
      }

      @Override
      public List<io.tributary.adaptors.RecordError> takeErrors() {
        return source.takeErrors().stream().map(redactor::apply).toList();
      }

      @Override
      public ObjectNode position() {
        return source.position();
      }

      @Override
      public void resume(ObjectNode position) {
        try {
          source.resume(position);
        } catch (RuntimeException e) {
          throw redactor.apply(e);
        }
      }

      @Override
      public void close() {
        source.close();
      }
    };
  }

  @Override
  public List<LookupResult> lookup(StepContext context, List<ObjectNode> records) {
    try {
      return adaptor.lookup(context, records).stream()
          .map(
              r ->
                  r.failed()
                      ? new LookupResult(
                          r.data(), r.errors().stream().map(redactor::apply).toList())
                      : r)
          .toList();
    } catch (RuntimeException e) {
      throw redactor.apply(e);
    }
  }

  @Override
  public List<SubmitResult> submit(StepContext context, List<JsonNode> records) {
    try {
      return adaptor.submit(context, records).stream()
          .map(
              r ->
                  r.failed()
                      ? new SubmitResult(
                          r.statusCode(),
                          r.id(),
                          r.ignored(),
                          r.errors().stream().map(redactor::apply).toList(),
                          r.json())
                      : r)
          .toList();
    } catch (RuntimeException e) {
      throw redactor.apply(e);
    }
  }

  @Override
  public void pageDone(StepContext context, List<ObjectNode> succeeded) {
    try {
      adaptor.pageDone(context, succeeded);
    } catch (RuntimeException e) {
      throw redactor.apply(e);
    }
  }

  @Override
  public void connectionChanged(String connectionId) {
    adaptor.connectionChanged(connectionId);
  }
}

package io.tributary.engine;

import io.tributary.adaptors.AdaptorException;

/**
 * What the engine makes of a throwable nobody expected (an {@code Error} from an adaptor, a helper,
 * a mapping): a message that names it, so the record error or failed job says what happened instead
 * of the run ending in silence.
 */
final class Throwables {
  private Throwables() {}

  /** See {@link io.tributary.core.Throwables#describe}. */
  static String describe(Throwable t) {
    return io.tributary.core.Throwables.describe(t);
  }

  /** A failure of a whole adaptor call that threw something other than an AdaptorException. */
  static AdaptorException unexpected(Throwable t) {
    return new AdaptorException(AdaptorException.Kind.FATAL, "internal_error", describe(t), t);
  }
}

package io.tributary.templating;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Options;
import com.github.jknack.handlebars.TagType;
import java.io.IOException;
import java.time.Clock;

/** Registers integrator.io's helpers, family by family, on a Handlebars instance. */
final class Helpers {
  private Helpers() {}

  /** One helper's behaviour over its positional arguments. */
  @FunctionalInterface
  interface Body {
    Object apply(Args args) throws IOException;
  }

  static void registerAll(Handlebars hb, Clock clock) {
    StringHelpers.register(hb);
    RegexHelpers.register(hb);
    MathHelpers.register(hb);
    new DateHelpers(clock).register(hb);
    EncodingHelpers.register(hb);
    CryptoHelpers.register(hb);
    LogicHelpers.register(hb);
    ArrayHelpers.register(hb);
    // {{{{raw}}}}...{{{{/raw}}}} keeps its body literal; Handlebars.java needs a helper of that
    // name.
    define(hb, "raw", a -> a.options().fn());
    hb.registerHelperMissing(missing());
  }

  static void define(Handlebars hb, String name, Body body) {
    hb.registerHelper(name, new BodyHelper(body));
  }

  /** A helper defined here: {@link InlineCall} finds the body behind it to call it directly. */
  record BodyHelper(Body body) implements Helper<Object> {
    @Override
    public Object apply(Object context, Options options) throws IOException {
      return body.apply(new Args(context, options));
    }
  }

  /**
   * A bare unknown name is a missing variable and renders empty; with arguments or as a block it is
   * a call to a helper that does not exist, which must fail rather than print nothing.
   */
  static Helper<Object> missing() {
    return (Object c, Options o) -> {
      if (o.params.length == 0 && o.hash.isEmpty() && o.tagType != TagType.SECTION) return "";
      throw new TemplateException("unknown helper \"" + o.helperName + "\"");
    };
  }
}

package io.tributary.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.tributary.App;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of architecture.md §2, held over the compiled production classes. Rules name
 * packages, not classes, so they keep holding when packages move into modules of their own.
 */
class ArchitectureTest {
  /** The adaptor SPI: the only part of Tributary an adaptor may see. */
  static final String[] ADAPTOR_SPI = {"io.tributary.adaptors", "io.tributary.adaptors.json.."};

  /**
   * Classes of the server the built-in adaptors may still use. Empty since the JSON helpers moved
   * into the adaptor API (module adaptor-api); it stays empty, it is not widened.
   */
  static final java.util.Set<String> UNTIL_ADAPTOR_API = java.util.Set.of();

  private static JavaClasses classes;

  @BeforeAll
  static void load() throws Exception {
    // The compiled classes of the server and of the adaptor modules, where each was loaded from
    // (target/classes or the built jar): the adaptor rule must see the adaptors' own classes.
    java.util.Set<Location> locations = new java.util.LinkedHashSet<>();
    for (Class<?> c :
        java.util.List.of(
            App.class,
            io.tributary.adaptors.Adaptor.class,
            io.tributary.adaptors.http.HttpAdaptor.class,
            io.tributary.adaptors.rdbms.RdbmsAdaptor.class)) {
      Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
      locations.add(
          p.toString().endsWith(".jar")
              ? Location.of(new java.util.jar.JarFile(p.toFile()))
              : Location.of(p));
    }
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importLocations(locations);
    assertThat(classes.containPackage("io.tributary.engine"))
        .as("classes imported from " + locations)
        .isTrue();
    assertThat(classes.containPackage("io.tributary.adaptors.http"))
        .as("classes imported from " + locations)
        .isTrue();
    assertThat(classes.containPackage("io.tributary.adaptors.rdbms"))
        .as("classes imported from " + locations)
        .isTrue();
    assertThat(classes.containPackage("io.tributary.adaptors.json"))
        .as("classes imported from " + locations)
        .isTrue();
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("io.tributary.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void webImportsNoFeaturePackage() {
    classes()
        .that()
        .resideInAPackage("io.tributary.web..")
        // The adaptor API is a library (module adaptor-api), not a feature: PublicOrigin uses its
        // CIDR parser, web.Json its mapper.
        .should()
        .onlyDependOnClassesThat(
            outsideTributaryOr(
                "io.tributary.web..",
                "io.tributary.core..",
                "io.tributary.adaptors",
                "io.tributary.adaptors.json.."))
        .check(classes);
  }

  /** Status codes are HTTP: the rest of the code says what went wrong with a {@code Problem}. */
  @Test
  void onlyTheHttpLayerKnowsHttpExceptions() {
    noClasses()
        .that(DescribedPredicate.not(httpLayer()))
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.tributary.web.ApiException")
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(io.javalin.http.HttpResponseException.class)
        .check(classes);
  }

  /**
   * An adaptor is built against the SPI alone, as a third party would build one: an adaptor's
   * package ({@code io.tributary.adaptors.<name>..}) sees itself, the SPI and libraries, nothing
   * else of Tributary (not even another adaptor); the SPI sees only itself.
   */
  @Test
  void adaptorsImportOnlyTheAdaptorSpi() {
    classes()
        .that()
        .resideInAPackage("io.tributary.adaptors..")
        .should(
            new ArchCondition<JavaClass>(
                "depend only on the adaptor SPI, their own package and libraries") {
              @Override
              public void check(JavaClass c, ConditionEvents events) {
                String own = adaptorPackage(c.getPackageName());
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                  JavaClass target = d.getTargetClass();
                  String pkg = target.getPackageName();
                  boolean ok =
                      !pkg.startsWith("io.tributary")
                          || inSpi(pkg)
                          || pkg.equals(own)
                          || pkg.startsWith(own + ".")
                          || UNTIL_ADAPTOR_API.contains(target.getName());
                  if (!ok) events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                }
              }
            })
        .check(classes);
  }

  private static boolean inSpi(String pkg) {
    for (String p : ADAPTOR_SPI) if (PackageMatcher.of(p).matches(pkg)) return true;
    return false;
  }

  /**
   * {@code io.tributary.adaptors.http.x} -> {@code io.tributary.adaptors.http}; the SPI is its own.
   */
  private static String adaptorPackage(String pkg) {
    String prefix = "io.tributary.adaptors.";
    if (!pkg.startsWith(prefix)) return pkg;
    int dot = pkg.indexOf('.', prefix.length());
    return dot < 0 ? pkg : pkg.substring(0, dot);
  }

  /**
   * Route classes, the one error mapper, and the filters in front of every route that read the
   * request itself: the authenticator (and the session cookie it consults: 401/403), the access
   * guard, and the body guard (415 for a charset other than UTF-8); and the web UI's own route.
   */
  private static DescribedPredicate<JavaClass> httpLayer() {
    return DescribedPredicate.describe(
        "the HTTP layer (*Routes, ErrorMapper, Authenticator, SessionCookie, Guard, BodyGuard,"
            + " WebUi, ApiException)",
        c -> {
          String name = c.getName().replaceAll("\\$.*", "");
          return name.endsWith("Routes")
              || name.equals("io.tributary.web.ErrorMapper")
              || name.equals("io.tributary.web.ApiException")
              || name.equals("io.tributary.tokens.Authenticator")
              || name.equals("io.tributary.people.SessionCookie")
              || name.equals("io.tributary.access.Guard")
              || name.equals("io.tributary.web.BodyGuard")
              || name.equals("io.tributary.web.WebUi");
        });
  }

  private static DescribedPredicate<JavaClass> outsideTributaryOr(String... packages) {
    return DescribedPredicate.describe(
        "outside io.tributary or in " + String.join(", ", packages),
        c -> {
          if (!c.getPackageName().startsWith("io.tributary")) return true;
          for (String p : packages) {
            if (PackageMatcher.of(p).matches(c.getPackageName())) return true;
          }
          return false;
        });
  }
}

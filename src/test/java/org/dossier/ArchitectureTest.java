package org.dossier;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of the package layout (issue 11), checked on the compiled server classes in
 * target/classes: not the tests, and not the benchmarks of src/bench, which like the wiring may use
 * every package. A dependency here is any use ArchUnit sees in the byte code: an import, a field, a
 * parameter, a call, an annotation. The page templates that jte compiles into {@code
 * gg.jte.generated} count as {@code web}.
 */
class ArchitectureTest {
  private static final String OURS = "org.dossier..";
  private static final String TEMPLATES = "gg.jte.generated..";
  private static final String GENERATED_XML = "org.dossier.oai.xml";

  /** The protocols (and the search index the site reads), by name: none may use another. */
  private static final Map<String, List<String>> PROTOCOLS =
      Map.of(
          "oai", List.of("org.dossier.oai.."),
          "iiif.presentation", List.of("org.dossier.iiif.presentation.."),
          "iiif.image", List.of("org.dossier.iiif.image.."),
          "iiif.search", List.of("org.dossier.iiif.search.."),
          "iiif.discovery", List.of("org.dossier.iiif.discovery.."),
          "rdf", List.of("org.dossier.rdf.."),
          "web", List.of("org.dossier.web..", TEMPLATES),
          "search", List.of("org.dossier.search.."),
          "api", List.of("org.dossier.api.."));

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.dossier", "gg.jte.generated");
  }

  @Test
  void topLevelPackagesFormNoCycle() {
    slices()
        .matching("org.dossier.(*)..")
        .namingSlices("org.dossier.$1")
        .should()
        .beFreeOfCycles()
        .because(
            "a package that needs another must not be needed by it: only the wiring (http, cli)"
                + " sees every package")
        .check(classes);
  }

  /**
   * Every package is a slice of its own, except the classes xjc generates from our XSDs: they
   * follow the schemas, whose RDF/XML container and EDM, ORE and SVCS elements refer to each other,
   * so they are one slice ({@code org.dossier.oai.xml}) and only their dependencies on the rest
   * count.
   */
  @Test
  void packagesFormNoCycleAtAnyDepth() {
    SliceAssignment everyPackage =
        new SliceAssignment() {
          @Override
          public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (!pkg.startsWith("org.dossier.")) {
              return SliceIdentifier.ignore();
            }
            return SliceIdentifier.of(pkg.startsWith(GENERATED_XML + ".") ? GENERATED_XML : pkg);
          }

          @Override
          public String getDescription() {
            return "every package of org.dossier (" + GENERATED_XML + ".* as one)";
          }
        };
    slices()
        .assignedFrom(everyPackage)
        .namingSlices("$1")
        .should()
        .beFreeOfCycles()
        .because(
            "a subpackage and its parent or sibling (rdf.web and rdf.sparql, say) depend one way only")
        .check(classes);
  }

  @Test
  void catalogUsesNoOtherPackageOfOurs() {
    usesNoOtherPackageOfOurs(
        "org.dossier.catalog..",
        "the catalog is the source of truth every other package reads; it takes typed selections,"
            + " not protocol syntax");
  }

  @Test
  void configUsesNoOtherPackageOfOurs() {
    usesNoOtherPackageOfOurs(
        "org.dossier.config..",
        "every package reads its settings, so the settings read none of them");
  }

  @Test
  void urlsUsesNoOtherPackageOfOurs() {
    usesNoOtherPackageOfOurs(
        "org.dossier.urls..",
        "every protocol builds its links with it, so it may know none of them");
  }

  @Test
  void scansUsesNoOtherPackageOfOurs() {
    usesNoOtherPackageOfOurs(
        "org.dossier.scans..",
        "import and the image service both read scans with it, so it may know neither");
  }

  @Test
  void metricsUsesNoOtherPackageOfOurs() {
    usesNoOtherPackageOfOurs(
        "org.dossier.metrics..",
        "every protocol counts what it serves with it, so it may know none of them");
  }

  @Test
  void loggingUsesNoOtherPackageOfOurs() {
    usesNoOtherPackageOfOurs(
        "org.dossier.logging..", "it is set up before anything else, and everything logs");
  }

  @ParameterizedTest(name = "{0} uses no other protocol")
  @ValueSource(
      strings = {
        "oai",
        "iiif.presentation",
        "iiif.image",
        "iiif.search",
        "iiif.discovery",
        "rdf",
        "web",
        "search",
        "api"
      })
  void protocolUsesNoOtherProtocol(String protocol) {
    List<String> others = new ArrayList<>();
    PROTOCOLS.forEach(
        (name, packages) -> {
          if (!name.equals(protocol) && !(protocol.equals("web") && name.equals("search"))) {
            others.addAll(packages);
          }
        });
    noClasses()
        .that()
        .resideInAnyPackage(PROTOCOLS.get(protocol).toArray(String[]::new))
        .should()
        .dependOnClassesThat(
            resideInAnyPackage(others.toArray(String[]::new))
                .as("reside in another protocol (" + String.join(", ", others) + ")"))
        .because(
            "each protocol is a view of the catalog, built from catalog, config and urls; a link to another"
                + " protocol's resource comes from org.dossier.urls (only web may read the search index)")
        .check(classes);
  }

  @Test
  void onlyTheWiringUsesHttp() {
    noClasses()
        .that()
        .resideOutsideOfPackages("org.dossier.http..", "org.dossier.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.dossier.http..")
        .because(
            "http wires every protocol into the server; a protocol gets what it needs through its Feature's"
                + " constructor, not from the server")
        .check(classes);
  }

  @Test
  void nothingUsesTheCommandLine() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.dossier.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.dossier.cli..")
        .because(
            "cli is the outermost layer: what it shares with others belongs in a package they may use")
        .check(classes);
  }

  @Test
  void projectionsUseOnlyCatalogAndConfig() {
    usesOnly(
        "org.dossier.projection..",
        List.of("org.dossier.catalog..", "org.dossier.config.."),
        "the follower drives every derived store from the change log; the stores plug into it, not it into them");
  }

  @Test
  void storageUsesOnlyConfig() {
    usesOnly(
        "org.dossier.storage..",
        List.of("org.dossier.config.."),
        "import, the image service and the wiring keep scans and pyramids through it, so it may know none of them");
  }

  private static void usesNoOtherPackageOfOurs(String pkg, String why) {
    usesOnly(pkg, List.of(), why);
  }

  private static void usesOnly(String pkg, List<String> allowed, String why) {
    List<String> own = new ArrayList<>(allowed);
    own.add(pkg);
    DescribedPredicate<JavaClass> forbidden =
        resideInAnyPackage(OURS, TEMPLATES)
            .and(resideOutsideOfPackages(own.toArray(String[]::new)))
            .as(
                "reside in another package of ours"
                    + (allowed.isEmpty() ? "" : " than " + String.join(", ", allowed)));
    noClasses()
        .that(resideInAPackage(pkg))
        .should()
        .dependOnClassesThat(forbidden)
        .because(why)
        .check(classes);
  }
}

package cn.incubation.ledger;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the code, as the README's structure section draws it: features that know nothing of the ways in (HTTP,
 * pages, command line), storage behind the packages that own it, an embedded store that knows nothing of the ledger,
 * and no package cycles. A failure names every class and dependency that breaks a rule.
 */
class ArchitectureTest {

    private static final String LEDGER = "cn.incubation.ledger";
    private static final String EMBEDDED = "cn.incubation.embeddedmongo";

    /** Where MongoDB's driver, BSON, mongo-java-server and H2 may be used: the packages that store things. */
    private static final String[] STORAGE = {
            EMBEDDED + "..", LEDGER + ".mongo..", LEDGER + ".eventstore..", LEDGER + ".projector..",
            "..projection..", "..mongo.."};

    /** The ways in: they call the features, never the other way round. */
    private static final String[] WAYS_IN = {LEDGER + ".web..", LEDGER + ".ui..", LEDGER + ".cli.."};

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                                            .importPackages(LEDGER, EMBEDDED);
    }

    @Test
    void theEmbeddedStoreKnowsNothingOfTheLedger() {
        noClasses().that().resideInAPackage(EMBEDDED + "..")
                   .should().dependOnClassesThat().resideInAPackage(LEDGER + "..")
                   .because("the embedded store is mongo-java-server made durable, a library the ledger uses")
                   .check(production);
    }

    @Test
    void mongoDbTypesStayInTheStoragePackages() {
        noClasses().that().resideOutsideOfPackages(STORAGE)
                   .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..",
                                                                      "de.bwaldvogel..", "org.h2..")
                   .because("the features talk to ports; only storage packages know how MongoDB holds things")
                   .check(production);
    }

    @Test
    void featuresDoNotDependOnTheWaysIn() {
        noClasses().that().resideInAPackage(LEDGER + "..").and().resideOutsideOfPackages(WAYS_IN)
                   .should().dependOnClassesThat().resideInAnyPackage(WAYS_IN)
                   .because("HTTP, the pages and the command line call the features; a feature serves all three")
                   .check(production);
    }

    @Test
    void sharedDependsOnNoFeature() {
        noClasses().that().resideInAPackage(LEDGER + ".shared..")
                   .should().dependOnClassesThat(inALedgerPackageOtherThan(LEDGER + ".shared"))
                   .because("shared holds the value types and rules every feature uses")
                   .check(production);
    }

    @Test
    void theApplicationDoesNotKnowItsCommandLine() {
        noClasses().that().resideInAPackage(LEDGER)
                   .should().dependOnClassesThat().resideInAPackage(LEDGER + ".cli..")
                   .because("the command line starts the application (LedgerCli.main), not the other way round")
                   .check(production);
    }

    @Test
    void readersKnowTheEventStoreOnlyByItsPorts() {
        noClasses().that().resideOutsideOfPackage(LEDGER + ".eventstore..")
                   .should().dependOnClassesThat().haveFullyQualifiedName(LEDGER + ".eventstore.MongoEventStorageEngine")
                   .because("read models read events through EventsByIndex and Axon's EventStore, so the engine can change")
                   .check(production);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(LEDGER + ".(*)..").should().beFreeOfCycles().check(production);
    }

    @Test
    void adaptersLiveInTheFeatureOfTheirPort() {
        classes().that().resideInAPackage("..mongo..").and().resideOutsideOfPackage(LEDGER + ".mongo..")
                 .and().resideInAPackage(LEDGER + "..")
                 .should(implementOnlyPortsOfTheirOwnFeature())
                 .check(production);
    }

    private static DescribedPredicate<JavaClass> inALedgerPackageOtherThan(String packageName) {
        return DescribedPredicate.describe("reside in a ledger package other than " + packageName,
                                           c -> c.getPackageName().startsWith(LEDGER + ".")
                                                   && !c.getPackageName().startsWith(packageName));
    }

    /** A Mongo adapter in {@code <feature>.mongo} implements ports of {@code <feature>} only. */
    private static ArchCondition<JavaClass> implementOnlyPortsOfTheirOwnFeature() {
        return new ArchCondition<>("implement only ports of their own feature") {
            @Override
            public void check(JavaClass adapter, ConditionEvents events) {
                String feature = feature(adapter.getPackageName());
                for (JavaClass port : adapter.getRawInterfaces()) {
                    if (port.getPackageName().startsWith(LEDGER + ".") && !feature(port.getPackageName()).equals(feature)) {
                        events.add(SimpleConditionEvent.violated(adapter, adapter.getName() + " in feature " + feature
                                + " implements " + port.getName() + " of feature " + feature(port.getPackageName())));
                    }
                }
            }
        };
    }

    private static String feature(String packageName) {
        String rest = packageName.substring(LEDGER.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}

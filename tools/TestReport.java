import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * The closing summary of {@code ./mabeam test}: tests run, failed and skipped per module and kind (unit,
 * property, IT) from the Surefire and Failsafe reports, the time each IT class took, and every test class
 * under {@code src/test} that produced no report. A test class that never runs is not a test: this exits 1
 * when one did not run, or when any test failed, so neither can pass silently.
 *
 * <p>Run as a single-file program from the project's root: {@code java tools/TestReport.java}.
 */
public class TestReport {

    /** The kinds, by the class name patterns the Surefire and Failsafe includes of the parent pom name. */
    enum Kind {
        UNIT("Test"),
        PROPERTY("Properties"),
        IT("IT");

        final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }

        static Kind of(String simpleName) {
            for (Kind kind : values()) {
                if (simpleName.endsWith(kind.suffix)) {
                    return kind;
                }
            }
            return null;
        }
    }

    static final Pattern TEST_ANNOTATION = Pattern.compile(
            "@(Test|Property|Example|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b");
    static final Pattern ABSTRACT = Pattern.compile("\\babstract\\s+class\\b");

    record Counts(int classes, int tests, int failed, int skipped, double seconds) {
        Counts plus(Counts other) {
            return new Counts(
                    classes + other.classes,
                    tests + other.tests,
                    failed + other.failed,
                    skipped + other.skipped,
                    seconds + other.seconds);
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Map<String, Map<Kind, Counts>> table = new TreeMap<>(TestReport::moduleOrder);
        Map<String, Double> itSeconds = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        List<String> modules = modules(root);
        ORDER.addAll(modules);
        for (String module : modules) {
            Path tests = root.resolve(module).resolve("src/test/java");
            if (!Files.isDirectory(tests)) {
                continue;
            }
            List<Path> sources;
            try (Stream<Path> walk = Files.walk(tests)) {
                sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            }
            for (Path source : sources) {
                String text = Files.readString(source);
                if (!TEST_ANNOTATION.matcher(text).find() || ABSTRACT.matcher(text).find()) {
                    continue; // helpers, fixtures and abstract contracts: their subclasses report
                }
                String relative = tests.relativize(source).toString();
                String className = relative.substring(0, relative.length() - ".java".length())
                        .replace('/', '.');
                String simpleName = className.substring(className.lastIndexOf('.') + 1);
                Kind kind = Kind.of(simpleName);
                if (kind == null) {
                    problems.add(module + ": " + className
                            + " has tests but its name matches no include (end it in Test, Properties or IT)");
                    continue;
                }
                Path report = report(root.resolve(module).resolve("target"), className);
                if (report == null) {
                    problems.add(module + ": " + className + " produced no report: it did not run");
                    continue;
                }
                Counts counts = read(report);
                table.computeIfAbsent(module, m -> new TreeMap<>()).merge(kind, counts, Counts::plus);
                if (kind == Kind.IT) {
                    itSeconds.put(module + "  " + simpleName, counts.seconds);
                }
                if (counts.tests == 0) {
                    problems.add(module + ": " + className + " ran no test");
                }
                if (counts.failed > 0) {
                    problems.add(module + ": " + className + " had " + counts.failed + " failed test(s)");
                }
            }
        }
        print(table, itSeconds, problems);
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    static List<String> modules(Path root) throws IOException {
        String pom = Files.readString(root.resolve("pom.xml"));
        List<String> modules = new ArrayList<>();
        var matcher = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        while (matcher.find()) {
            modules.add(matcher.group(1).trim());
        }
        return modules;
    }

    private static final List<String> ORDER = new ArrayList<>();

    static int moduleOrder(String a, String b) {
        return Integer.compare(ORDER.indexOf(a), ORDER.indexOf(b)) != 0
                ? Integer.compare(ORDER.indexOf(a), ORDER.indexOf(b))
                : a.compareTo(b);
    }

    static Path report(Path target, String className) {
        for (String folder : List.of("surefire-reports", "failsafe-reports")) {
            Path report = target.resolve(folder).resolve("TEST-" + className + ".xml");
            if (Files.isRegularFile(report)) {
                return report;
            }
        }
        return null;
    }

    static Counts read(Path report) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element suite = factory.newDocumentBuilder().parse(report.toFile()).getDocumentElement();
        int tests = integer(suite, "tests");
        int failed = integer(suite, "failures") + integer(suite, "errors");
        int skipped = integer(suite, "skipped");
        double seconds = suite.getAttribute("time").isBlank()
                ? 0
                : Double.parseDouble(suite.getAttribute("time").replace(",", ""));
        return new Counts(1, tests, failed, skipped, seconds);
    }

    static int integer(Element element, String attribute) {
        String value = element.getAttribute(attribute);
        return value.isBlank() ? 0 : Integer.parseInt(value);
    }

    static void print(Map<String, Map<Kind, Counts>> table, Map<String, Double> itSeconds, List<String> problems) {
        String rule = "-".repeat(72);
        System.out.println();
        System.out.println(rule);
        System.out.println("Test summary");
        System.out.println(rule);
        System.out.printf(Locale.ROOT, "%-12s %-10s %8s %8s %8s %8s %10s%n",
                "module", "kind", "classes", "tests", "failed", "skipped", "seconds");
        Counts total = new Counts(0, 0, 0, 0, 0);
        for (var module : table.entrySet()) {
            for (var kind : module.getValue().entrySet()) {
                Counts c = kind.getValue();
                System.out.printf(Locale.ROOT, "%-12s %-10s %8d %8d %8d %8d %10.1f%n",
                        module.getKey(), kind.getKey().name().toLowerCase(Locale.ROOT),
                        c.classes, c.tests, c.failed, c.skipped, c.seconds);
                total = total.plus(c);
            }
        }
        System.out.printf(Locale.ROOT, "%-12s %-10s %8d %8d %8d %8d %10.1f%n",
                "all", "", total.classes, total.tests, total.failed, total.skipped, total.seconds);
        if (!itSeconds.isEmpty()) {
            System.out.println();
            System.out.printf(Locale.ROOT, "%-52s %10s%n", "IT class", "seconds");
            itSeconds.forEach((name, seconds) -> System.out.printf(Locale.ROOT, "%-52s %10.1f%n", name, seconds));
        }
        System.out.println();
        if (problems.isEmpty()) {
            System.out.println("Every test class under src/test ran, and none failed.");
        } else {
            System.out.println("Not green:");
            problems.forEach(p -> System.out.println("  " + p));
        }
        System.out.println(rule);
        System.out.printf(Locale.ROOT, "Summary: %d passed, %d failed, %d skipped%n",
                total.tests - total.failed - total.skipped, total.failed, total.skipped);
    }
}

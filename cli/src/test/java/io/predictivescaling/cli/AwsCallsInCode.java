package io.predictivescaling.cli;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS API calls a Lambda handler's code can make, found in the compiled classes (no AWS involved): every code unit
 * reachable from the handler's constructor and {@code handleRequest} (a rapid type analysis: a call on an interface
 * reaches the implementations the reachable code instantiates; calls inside lambdas count for the method that declares
 * them), and every call on an AWS SDK v2 client among them, named as its IAM action ({@code dynamodb:Query}; a
 * paginator as the operation it pages; SQS's batch operations as the action that authorizes them).
 *
 * <p>What it cannot see: which table, queue or bus a call names (a constructor argument); that is the hand-kept part
 * of {@link IamLeastPrivilegeTest}'s table of calls, which this keeps complete.
 */
final class AwsCallsInCode {
    private static final String PROJECT = "io.predictivescaling.";
    private static final Pattern CLIENT =
            Pattern.compile("software\\.amazon\\.awssdk\\.services\\.(\\w+)\\.(\\w+)Client");
    /** SDK types that call AWS APIs other than through a client: the enhanced DynamoDB client, waiters. */
    private static final Pattern UNREAD =
            Pattern.compile("software\\.amazon\\.awssdk\\.(enhanced\\..*|services\\.\\w+\\.waiters\\..*)");
    /** The IAM prefix of each SDK service package the code uses; a new service is a new line. */
    private static final Map<String, String> IAM_PREFIX = Map.of(
            "dynamodb", "dynamodb",
            "sqs", "sqs",
            "ssm", "ssm",
            "eventbridge", "events",
            "cloudwatch", "cloudwatch",
            "applicationautoscaling", "application-autoscaling");
    /** Batch operations IAM authorizes as their single-message action (SQS API reference, "Batch actions"). */
    private static final Map<String, String> AUTHORIZED_AS = Map.of(
            "sqs:SendMessageBatch", "sqs:SendMessage",
            "sqs:DeleteMessageBatch", "sqs:DeleteMessage",
            "sqs:ChangeMessageVisibilityBatch", "sqs:ChangeMessageVisibility");
    /** Client methods that call no API. */
    private static final Set<String> NOT_CALLS =
            Set.of("builder", "create", "close", "serviceName", "serviceClientConfiguration", "utilities", "waiter");

    private final JavaClasses classes;
    private final Set<JavaCodeUnit> reached = new HashSet<>();
    private final Set<JavaClass> instantiated = new HashSet<>();
    private final Set<JavaClass> initialized = new HashSet<>();
    private final List<AccessTarget.CodeUnitAccessTarget> virtualCalls = new ArrayList<>();
    private final Deque<JavaCodeUnit> work = new ArrayDeque<>();
    /** IAM action to the code units that call it. */
    private final SortedMap<String, Set<String>> calls = new TreeMap<>();

    private AwsCallsInCode(JavaClasses classes) {
        this.classes = classes;
    }

    /**
     * @param classes the project's production classes ({@code PackageRules.productionClasses()})
     * @param handler the handler's class name as template.yaml's {@code Handler} names it (before {@code ::})
     * @return each IAM action the handler's code can call, to the methods that call it ({@code Class.method})
     * @throws IllegalStateException for a client of a service with no IAM prefix here, or a handler not found
     */
    static SortedMap<String, Set<String>> of(JavaClasses classes, String handler) {
        AwsCallsInCode graph = new AwsCallsInCode(classes);
        JavaClass root = classes.get(handler);
        graph.instantiate(root);
        root.getConstructors().stream()
                .filter(c -> c.getRawParameterTypes().isEmpty())
                .forEach(graph::reach);
        root.getMethods().stream()
                .filter(m -> m.getName().equals("handleRequest"))
                .forEach(graph::reach);
        graph.run();
        return graph.calls;
    }

    private void run() {
        while (!work.isEmpty()) {
            JavaCodeUnit unit = work.pop();
            initialize(unit.getOwner());
            for (JavaAccess<?> access : unit.getAccessesFromSelf()) {
                JavaClass owner = access.getTargetOwner();
                if (UNREAD.matcher(owner.getName()).matches()) {
                    throw new IllegalStateException(unit.getFullName() + " calls AWS through " + owner.getName()
                            + ", whose API calls this analysis does not read: call the service's client instead, or"
                            + " teach AwsCallsInCode which actions it makes");
                }
                Matcher client = CLIENT.matcher(owner.getName());
                if (client.matches() && access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget) {
                    record(client.group(1), access.getName(), unit);
                    continue;
                }
                if (!isProject(owner)) {
                    continue;
                }
                initialize(owner);
                if (access.getTarget() instanceof AccessTarget.ConstructorCallTarget
                        || access.getTarget() instanceof AccessTarget.ConstructorReferenceTarget) {
                    instantiate(owner);
                }
                if (access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget target) {
                    call(target);
                }
            }
        }
    }

    private void record(String service, String method, JavaCodeUnit from) {
        if (NOT_CALLS.contains(method)) {
            return;
        }
        String prefix = IAM_PREFIX.get(service);
        if (prefix == null) {
            throw new IllegalStateException(from.getFullName() + " uses the SDK's " + service
                    + " client: add its IAM prefix to AwsCallsInCode.IAM_PREFIX");
        }
        String operation = method.endsWith("Paginator") ? method.substring(0, method.length() - 9) : method;
        String action = prefix + ":" + Character.toUpperCase(operation.charAt(0)) + operation.substring(1);
        calls.computeIfAbsent(AUTHORIZED_AS.getOrDefault(action, action), k -> new TreeSet<>())
                .add(from.getOwner().getSimpleName() + "." + from.getName());
    }

    /**
     * A static, private or constructor call reaches its body; any other reaches the override of every instantiated
     * class it may land on (an interface's default body only where no class overrides it).
     */
    private void call(AccessTarget.CodeUnitAccessTarget target) {
        var member = target.resolveMember();
        boolean direct = member.map(m -> m.isConstructor()
                        || m.getModifiers().contains(JavaModifier.STATIC)
                        || m.getModifiers().contains(JavaModifier.PRIVATE))
                .orElse(false);
        if (direct) {
            reach(member.get());
            return;
        }
        virtualCalls.add(target);
        List.copyOf(instantiated).forEach(c -> dispatch(target, c));
    }

    private void instantiate(JavaClass type) {
        if (!instantiated.add(type)) {
            return;
        }
        List.copyOf(virtualCalls).forEach(t -> dispatch(t, type));
        // Code outside the project (the JDK, the Lambda runtime) calls the methods of the JDK's interfaces it is
        // handed: every method of a project class that also is such an interface's (a Runnable, a Comparator).
        boolean external = type.getAllRawInterfaces().stream().anyMatch(i -> !isProject(i));
        if (external) {
            type.getMethods().stream()
                    .filter(m -> !m.getModifiers().contains(JavaModifier.STATIC))
                    .forEach(this::reach);
        }
    }

    private void dispatch(AccessTarget.CodeUnitAccessTarget target, JavaClass type) {
        if (!type.isAssignableTo(target.getOwner().getName())) {
            return;
        }
        String[] parameters =
                target.getRawParameterTypes().stream().map(JavaClass::getName).toArray(String[]::new);
        for (JavaClass c = type;
                c != null && isProject(c);
                c = c.getRawSuperclass().orElse(null)) {
            var method = c.tryGetMethod(target.getName(), parameters);
            if (method.isPresent() && !method.get().getModifiers().contains(JavaModifier.ABSTRACT)) {
                reach(method.get());
                return;
            }
        }
        for (JavaClass i : type.getAllRawInterfaces()) {
            if (isProject(i)) {
                i.tryGetMethod(target.getName(), parameters)
                        .filter(m -> !m.getModifiers().contains(JavaModifier.ABSTRACT))
                        .ifPresent(this::reach);
            }
        }
    }

    private void initialize(JavaClass type) {
        if (initialized.add(type)) {
            type.getStaticInitializer().ifPresent(this::reach);
        }
    }

    private void reach(JavaCodeUnit unit) {
        if (isProject(unit.getOwner()) && reached.add(unit)) {
            work.push(unit);
        }
    }

    private boolean isProject(JavaClass type) {
        return type.getName().startsWith(PROJECT) && classes.contain(type.getName());
    }
}

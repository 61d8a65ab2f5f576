package io.github.stagingtarget.internal;

import io.github.stagingtarget.PreAuthenticated;
import io.github.stagingtarget.ResetDatabase;
import io.github.stagingtarget.Seed;
import io.github.stagingtarget.fixtures.FixturePlan;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The one reading of a test class's {@link ResetDatabase}, {@link Seed} and {@link PreAuthenticated}: its own
 * plan, one per annotated test method, and the annotations that would silently do nothing (on a
 * {@code @BeforeEach} or other method that is not a test). The production guard, the database lock and the
 * fixture runner all read this, so they cannot disagree about what a class does. Computed once per class.
 */
record FixtureAnnotations(
        Optional<FixturePlan> classPlan, Map<Method, FixturePlan> methodPlans, List<String> misplaced) {

    private static final List<Class<? extends Annotation>> TYPES =
            List.of(ResetDatabase.class, Seed.class, PreAuthenticated.class);

    private static final ClassValue<FixtureAnnotations> SCANS = new ClassValue<>() {
        @Override
        protected FixtureAnnotations computeValue(Class<?> testClass) {
            return scan(testClass);
        }
    };

    static FixtureAnnotations of(Class<?> testClass) {
        return SCANS.get(testClass);
    }

    private static FixtureAnnotations scan(Class<?> testClass) {
        Set<Method> annotated = new LinkedHashSet<>();
        for (Class<? extends Annotation> type : TYPES) {
            annotated.addAll(AnnotationSupport.findAnnotatedMethods(testClass, type, HierarchyTraversalMode.TOP_DOWN));
        }
        Map<Method, FixturePlan> methodPlans = new LinkedHashMap<>();
        List<String> misplaced = new ArrayList<>();
        for (Method method : annotated) {
            if (AnnotationSupport.isAnnotated(method, Testable.class)) {
                plan(method, describe(method)).ifPresent(plan -> methodPlans.put(method, plan));
            } else {
                misplaced.add(names(method) + " on " + describe(method) + ", which is not a test");
            }
        }
        return new FixtureAnnotations(
                plan(testClass, "class " + testClass.getName()), Map.copyOf(methodPlans), List.copyOf(misplaced));
    }

    /** Every plan: the class's first, then its test methods'. */
    List<FixturePlan> plans() {
        return Stream.concat(classPlan.stream(), methodPlans.values().stream()).toList();
    }

    /** Whether any plan of the class changes data: the rule of the guard and of the exclusive lock. */
    boolean isDestructive() {
        return plans().stream().anyMatch(FixturePlan::isDestructive);
    }

    Optional<FixturePlan> forMethod(Method method) {
        return Optional.ofNullable(methodPlans.get(method));
    }

    /** The fixture annotations on an element, as written: {@code @ResetDatabase @Seed}. */
    static String names(AnnotatedElement element) {
        return String.join(
                " ",
                TYPES.stream()
                        .filter(type -> AnnotationSupport.isAnnotated(element, type))
                        .map(type -> "@" + type.getSimpleName())
                        .toList());
    }

    private static Optional<FixturePlan> plan(AnnotatedElement element, String declaredOn) {
        boolean reset = AnnotationSupport.isAnnotated(element, ResetDatabase.class);
        List<String> seeds = AnnotationSupport.findAnnotation(element, Seed.class)
                .map(seed -> List.of(seed.value()))
                .orElse(List.of());
        List<String> sessions = AnnotationSupport.findAnnotation(element, PreAuthenticated.class)
                .map(users -> List.of(users.value()))
                .orElse(List.of());
        FixturePlan plan = new FixturePlan(reset, seeds, sessions, declaredOn);
        return plan.isEmpty() ? Optional.empty() : Optional.of(plan);
    }

    static String describe(Method method) {
        return "method " + method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
    }
}

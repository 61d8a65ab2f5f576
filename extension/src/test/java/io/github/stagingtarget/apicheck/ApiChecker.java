package io.github.stagingtarget.apicheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The rules of the public API, checked by reflection over compiled classes: a type is API when it is visible
 * (public, or protected inside a visible type), lies in one of the API packages and is not marked
 * {@code @API(status = INTERNAL)}. Every visible type carries {@code @API}, {@code INTERNAL} outside the API
 * packages; an API type's visible signatures (supertypes, fields, constructors, methods, annotation members,
 * with their generic arguments, bounds and exceptions) name only API types, primitives and allowed
 * third-party packages.
 */
final class ApiChecker {

    private final String ownPrefix;
    private final Set<String> apiPackages;
    private final List<String> allowedPrefixes;

    /**
     * @param ownPackage the root of the code under check: types below it are ours, so API or internal
     * @param apiPackages the packages (exactly, not their subpackages) whose visible types are API
     * @param allowedPrefixes the third-party packages an API signature may name, e.g. {@code java.}
     */
    ApiChecker(String ownPackage, Set<String> apiPackages, List<String> allowedPrefixes) {
        this.ownPrefix = ownPackage + ".";
        this.apiPackages = Set.copyOf(apiPackages);
        this.allowedPrefixes = List.copyOf(allowedPrefixes);
    }

    /** One line for each broken rule, sorted; empty when the classes keep them all. */
    List<String> violations(Collection<Class<?>> classes) {
        List<String> found = new ArrayList<>();
        for (Class<?> type : classes) {
            if (!isVisible(type) || type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
                continue;
            }
            API api = type.getAnnotation(API.class);
            boolean inApiPackage = apiPackages.contains(type.getPackageName());
            if (api == null) {
                found.add(type.getName() + ": " + (inApiPackage ? "public type in an API package" : "public type")
                        + " without @API" + (inApiPackage ? "" : "(status = INTERNAL)"));
            } else if (!inApiPackage && api.status() != API.Status.INTERNAL) {
                found.add(type.getName() + ": @API(status = " + api.status() + ") outside the API packages "
                        + apiPackages + "; mark it INTERNAL or move it");
            }
            if (isApi(type)) {
                checkSignatures(type, found);
            }
        }
        found.sort(Comparator.naturalOrder());
        return found;
    }

    private void checkSignatures(Class<?> type, List<String> found) {
        String where = type.getName();
        Set<String> seen = new HashSet<>();
        check(type.getGenericSuperclass(), where + " extends", found, seen);
        for (Type superInterface : type.getGenericInterfaces()) {
            check(superInterface, where + " implements", found, seen);
        }
        for (TypeVariable<?> variable : type.getTypeParameters()) {
            check(variable, where + " type parameter " + variable.getName(), found, seen);
        }
        for (Field field : type.getDeclaredFields()) {
            if (isVisibleMember(field.getModifiers()) && !field.isSynthetic()) {
                check(field.getGenericType(), where + "." + field.getName(), found, seen);
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (isVisibleMember(constructor.getModifiers()) && !constructor.isSynthetic()) {
                checkExecutable(constructor, where + ".<init>", found, seen);
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (isVisibleMember(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
                String name = where + "." + method.getName() + "()";
                check(method.getGenericReturnType(), name + " returns", found, seen);
                checkExecutable(method, name, found, seen);
            }
        }
    }

    private void checkExecutable(Executable executable, String where, List<String> found, Set<String> seen) {
        for (Type parameter : executable.getGenericParameterTypes()) {
            check(parameter, where + " parameter", found, seen);
        }
        for (Type thrown : executable.getGenericExceptionTypes()) {
            check(thrown, where + " throws", found, seen);
        }
        for (TypeVariable<?> variable : executable.getTypeParameters()) {
            check(variable, where + " type parameter " + variable.getName(), found, seen);
        }
    }

    private void check(Type type, String where, List<String> found, Set<String> seen) {
        if (type == null) {
            return;
        }
        if (type instanceof Class<?> raw) {
            Class<?> component = raw;
            while (component.isArray()) {
                component = component.getComponentType();
            }
            if (!component.isPrimitive() && !isAllowed(component)) {
                found.add(where + " exposes " + component.getName() + " ("
                        + (isOwn(component) ? "internal" : "third-party, not allowed in the API") + ")");
            }
        } else if (type instanceof ParameterizedType parameterized) {
            check(parameterized.getRawType(), where, found, seen);
            check(parameterized.getOwnerType(), where, found, seen);
            for (Type argument : parameterized.getActualTypeArguments()) {
                check(argument, where, found, seen);
            }
        } else if (type instanceof WildcardType wildcard) {
            Stream.of(wildcard.getUpperBounds()).forEach(bound -> check(bound, where, found, seen));
            Stream.of(wildcard.getLowerBounds()).forEach(bound -> check(bound, where, found, seen));
        } else if (type instanceof GenericArrayType array) {
            check(array.getGenericComponentType(), where, found, seen);
        } else if (type instanceof TypeVariable<?> variable && seen.add(where + "/" + variable.getName())) {
            Stream.of(variable.getBounds()).forEach(bound -> check(bound, where, found, seen));
        }
    }

    private boolean isAllowed(Class<?> type) {
        if (isOwn(type)) {
            return isApi(type);
        }
        String name = type.getName();
        return allowedPrefixes.stream().anyMatch(name::startsWith);
    }

    private boolean isOwn(Class<?> type) {
        return type.getName().startsWith(ownPrefix);
    }

    private boolean isApi(Class<?> type) {
        API api = type.getAnnotation(API.class);
        return isVisible(type)
                && apiPackages.contains(type.getPackageName())
                && !(api != null && api.status() == API.Status.INTERNAL)
                && (type.getEnclosingClass() == null || isApi(type.getEnclosingClass()));
    }

    private static boolean isVisible(Class<?> type) {
        int modifiers = type.getModifiers();
        Class<?> enclosing = type.getEnclosingClass();
        return enclosing == null ? Modifier.isPublic(modifiers) : isVisibleMember(modifiers) && isVisible(enclosing);
    }

    private static boolean isVisibleMember(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    /** The classes in the directory or jar that holds {@code anchor}, below {@code packageName}. */
    static List<Class<?>> classesBeside(Class<?> anchor, String packageName) {
        Path location;
        try {
            location = Path.of(
                    anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String prefix = packageName.replace('.', '/') + "/";
        List<String> names = new ArrayList<>();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    files.map(file -> location.relativize(file).toString().replace('\\', '/'))
                            .filter(name -> name.startsWith(prefix) && name.endsWith(".class"))
                            .forEach(names::add);
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    jar.stream()
                            .map(entry -> entry.getName())
                            .filter(name -> name.startsWith(prefix) && name.endsWith(".class"))
                            .forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            if (name.endsWith("package-info.class") || name.endsWith("module-info.class")) {
                continue;
            }
            String className =
                    name.substring(0, name.length() - ".class".length()).replace('/', '.');
            try {
                classes.add(Class.forName(className, false, anchor.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Cannot load " + className, e);
            }
        }
        return classes;
    }
}

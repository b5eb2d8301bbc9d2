package dev.gathercopy.helm;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads manifests into fabric8's typed Kubernetes model and reports every field the model does not know. fabric8 keeps
 * unknown fields in each object's {@code additionalProperties} instead of failing, so a misspelt or misplaced field
 * would otherwise pass unnoticed and be dropped by the API server.
 */
final class StrictModel {

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private StrictModel() {
	}

	/** One manifest as its typed model object ({@link GenericKubernetesResource} for kinds fabric8 does not model). */
	static HasMetadata read(String yaml) {
		KubernetesResource resource = YAML.readValue(yaml, KubernetesResource.class);
		if (!(resource instanceof HasMetadata object)) {
			throw new IllegalArgumentException("not a Kubernetes object: " + resource);
		}
		return object;
	}

	/** Paths of the fields below {@code root} that the model kept as unknown, e.g. {@code spec.replica}. */
	static List<String> unknownFields(Object root) {
		List<String> unknown = new ArrayList<>();
		walk(root, "", unknown, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
		return unknown;
	}

	private static void walk(Object value, String path, List<String> unknown, Set<Object> seen) {
		if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
				|| value instanceof Enum<?> || !seen.add(value)) {
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, entry) -> walk(entry, join(path, String.valueOf(key)), unknown, seen));
			return;
		}
		if (value instanceof Collection<?> collection) {
			int i = 0;
			for (Object element : collection) {
				walk(element, path + "[" + i++ + "]", unknown, seen);
			}
			return;
		}
		if (!value.getClass().getName().startsWith("io.fabric8.") || value instanceof GenericKubernetesResource) {
			return;
		}
		for (Class<?> type = value.getClass(); type != Object.class; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers())) {
					continue;
				}
				Object fieldValue = read(field, value);
				if (field.getName().equals("additionalProperties")) {
					if (fieldValue instanceof Map<?, ?> extra) {
						extra.keySet().forEach((key) -> unknown.add(join(path, String.valueOf(key))));
					}
				}
				else {
					walk(fieldValue, join(path, field.getName()), unknown, seen);
				}
			}
		}
	}

	private static Object read(Field field, Object owner) {
		try {
			field.setAccessible(true);
			return field.get(owner);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String join(String path, String name) {
		return path.isEmpty() ? name : path + "." + name;
	}

}

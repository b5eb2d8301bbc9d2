package dev.gathercopy.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** values.yaml documents every key, and values.schema.json describes every key and accepts no other. */
class ValuesFileTests {

	private static final Pattern KEY = Pattern.compile("^(\\s*)(- )?([A-Za-z][\\w./-]*):(\\s.*)?$");

	/** Kubernetes types the chart passes through unchanged. */
	private static final Set<String> FREE_FORM = Set.of("nodeAffinity", "podAffinity", "podAntiAffinity");

	/** Schema definitions of Kubernetes-shaped objects whose fields are all optional, so values.yaml sets only some. */
	private static final Set<String> OPTIONAL_FIELDS = Set.of("#/definitions/resourceList", "#/definitions/affinity");

	@Test
	void everyKeyOfValuesYamlHasACommentAboveIt() throws IOException {
		List<String> lines = Files.readAllLines(Chart.DIR.resolve("values.yaml"));
		List<String> undocumented = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			Matcher key = KEY.matcher(lines.get(i));
			if (!key.matches() || key.group(2) != null || insideDocumentedDefault(lines, i)) {
				continue;
			}
			String previous = i > 0 ? lines.get(i - 1).trim() : "";
			if (!previous.startsWith("#")) {
				undocumented.add((i + 1) + ": " + lines.get(i).trim());
			}
		}
		assertThat(undocumented).isEmpty();
	}

	@Test
	void schemaDescribesEveryObjectWithoutRoomForUnknownKeys() {
		List<String> open = new ArrayList<>();
		walkSchema(Chart.schema(), "", open);

		assertThat(open).isEmpty();
	}

	@Test
	void everyKeyTheSchemaDescribesHasADefaultInValuesYaml() {
		List<String> missing = new ArrayList<>();
		compare(Chart.schema(), Chart.defaultValues(), "", missing);

		assertThat(missing).isEmpty();
	}

	/**
	 * Keys nested in a default value that is itself documented, such as the example hosts of an Ingress or the
	 * requests and limits of a resources block, need no comment of their own.
	 */
	private static boolean insideDocumentedDefault(List<String> lines, int index) {
		int indent = indent(lines.get(index));
		for (int i = index - 1; i >= 0; i--) {
			String line = lines.get(i);
			if (line.isBlank() || line.trim().startsWith("#")) {
				continue;
			}
			if (indent(line) < indent) {
				Matcher parent = KEY.matcher(line);
				if (parent.matches() && parent.group(2) == null) {
					String above = i > 0 ? lines.get(i - 1).trim() : "";
					return above.startsWith("# --") || insideDocumentedDefault(lines, i);
				}
				return true;
			}
		}
		return false;
	}

	private static int indent(String line) {
		return line.length() - line.stripLeading().length();
	}

	@SuppressWarnings("unchecked")
	private static void walkSchema(Map<String, Object> node, String path, List<String> open) {
		Map<String, Object> definitions = (Map<String, Object>) node.get("definitions");
		if (definitions != null) {
			definitions.forEach((name, definition) -> walkSchema((Map<String, Object>) definition, "#/" + name, open));
		}
		if ("object".equals(node.get("type"))) {
			Object additional = node.get("additionalProperties");
			boolean closed = Boolean.FALSE.equals(additional);
			boolean typedMap = additional instanceof Map<?, ?> values && values.containsKey("type");
			boolean freeForm = FREE_FORM.contains(path.substring(path.lastIndexOf('.') + 1));
			if (!closed && !typedMap && !freeForm) {
				open.add(path.isEmpty() ? "(root)" : path);
			}
		}
		Map<String, Object> properties = (Map<String, Object>) node.get("properties");
		if (properties != null) {
			properties.forEach((name, child) -> walkSchema((Map<String, Object>) child, path + "." + name, open));
		}
		if (node.get("items") instanceof Map<?, ?> items) {
			walkSchema((Map<String, Object>) items, path + "[]", open);
		}
	}

	@SuppressWarnings("unchecked")
	private static void compare(Map<String, Object> schema, Map<String, Object> values, String path,
			List<String> missing) {
		if (schema.get("$ref") instanceof String ref && OPTIONAL_FIELDS.contains(ref)) {
			return;
		}
		Map<String, Object> resolved = resolve(schema);
		Map<String, Object> properties = (Map<String, Object>) resolved.get("properties");
		if (properties == null) {
			return;
		}
		properties.forEach((name, child) -> {
			if (!values.containsKey(name)) {
				missing.add(path + name);
			}
			else if (values.get(name) instanceof Map<?, ?> nested) {
				compare((Map<String, Object>) child, (Map<String, Object>) nested, path + name + ".", missing);
			}
		});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> resolve(Map<String, Object> schema) {
		Object ref = schema.get("$ref");
		if (ref == null) {
			return schema;
		}
		String name = ((String) ref).substring("#/definitions/".length());
		return (Map<String, Object>) ((Map<String, Object>) Chart.schema().get("definitions")).get(name);
	}

}

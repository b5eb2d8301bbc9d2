package dev.gathercopy.web.openapi;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.media.Schema;

/** Descriptions, required, nullable and enumerated members of component schemas; a name not there fails. */
@SuppressWarnings("rawtypes")
public record SchemaDocs(Map<String, Schema> schemas) {

	/** Describes a schema and, given as name and description pairs, its properties. */
	public void describe(String name, String description, String... propertyDescriptions) {
		Schema<?> schema = schema(name);
		schema.setDescription(description);
		for (int i = 0; i < propertyDescriptions.length; i += 2) {
			property(name, propertyDescriptions[i]).setDescription(propertyDescriptions[i + 1]);
		}
	}

	public void require(String name, String... properties) {
		for (String property : properties) {
			property(name, property);
			schema(name).addRequiredItem(property);
		}
	}

	public void nullable(String name, String property) {
		Schema<?> schema = property(name, property);
		Set<String> types = new LinkedHashSet<>(
				(schema.getTypes() != null) ? schema.getTypes() : Set.of(schema.getType()));
		types.add("null");
		schema.setTypes(types);
	}

	@SuppressWarnings("unchecked")
	public void oneOf(String name, String property, String... values) {
		Schema schema = property(name, property);
		schema.setEnum(List.of(values));
	}

	private Schema<?> schema(String name) {
		Schema<?> schema = this.schemas.get(name);
		if (schema == null) {
			throw new IllegalStateException("no schema " + name + " to describe");
		}
		return schema;
	}

	private Schema<?> property(String name, String property) {
		Map<String, Schema> properties = schema(name).getProperties();
		if (properties == null || !properties.containsKey(property)) {
			throw new IllegalStateException("schema " + name + " has no property " + property);
		}
		return properties.get(property);
	}

}

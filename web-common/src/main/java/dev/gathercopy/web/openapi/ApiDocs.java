package dev.gathercopy.web.openapi;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

/** What the services' OpenAPI descriptions share: one server {@code /}, bearer tokens, and problem responses. */
public final class ApiDocs {

	/** The name of the bearer-token security scheme. */
	public static final String BEARER = "bearer";

	private static final String PROBLEM = "Problem";

	private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private ApiDocs() {
	}

	/** An API described by info and tags, served at {@code /}, whose every operation takes a bearer token. */
	public static OpenAPI openApi(Info info, List<Tag> tags) {
		return new OpenAPI().info(info)
			.addServersItem(new Server().url("/"))
			.tags(tags)
			.components(new Components()
				.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

	public static Tag tag(String name, String description) {
		return new Tag().name(name).description(description);
	}

	/**
	 * Gives every error response its {@code application/problem+json} content, declares the {@code Problem} schema
	 * they refer to (whose description names {@code members} as examples of further members), adds the 401 that the
	 * bearer-token filter may answer anywhere, and describes each HEAD operation as its GET without bodies.
	 */
	public static OpenApiCustomizer problemResponses(String typeBase, String members) {
		String unauthorized = "- `" + typeBase + "unauthorized`: tokens are configured and the request has no "
				+ "`Authorization: Bearer <token>` with one of them\n";
		return (openApi) -> {
			openApi.getComponents().addSchemas(PROBLEM, problemSchema(members));
			openApi.getPaths().values().forEach((path) -> path.readOperationsMap().forEach((method, operation) -> {
				operation.getResponses().addApiResponse("401", new ApiResponse().description(unauthorized));
				operation.getResponses().forEach((status, response) -> {
					if (status.charAt(0) == '4' || status.charAt(0) == '5') {
						response.content(new Content().addMediaType(PROBLEM_JSON,
								new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
					}
				});
				if (method == PathItem.HttpMethod.HEAD) {
					describeAsHead(operation, path.getGet());
				}
			}));
		};
	}

	private static void describeAsHead(Operation head, Operation get) {
		head.operationId(get.getOperationId().replaceFirst("^get", "head"));
		head.summary(get.getSummary() + ", headers only");
		head.getResponses().values().forEach((response) -> response.setContent(null));
	}

	private static Schema<Object> problemSchema(String members) {
		Map<String, Schema> properties = new TreeMap<>();
		properties.put("type", typed("string", "A stable URI that names the kind of problem; branch on it.")
			.format("uri"));
		properties.put("title", typed("string", "A short summary of the kind of problem."));
		properties.put("status", typed("integer", "The HTTP status.").format("int32"));
		properties.put("detail", typed("string", "What went wrong with this request."));
		properties.put("instance", typed("string", "The request path.").format("uri-reference"));
		Schema<Object> problem = typed("object", "An RFC 9457 problem. Members beyond the standard ones name the "
				+ "offending input or state, e.g. " + members + ".");
		problem.setProperties(properties);
		problem.setRequired(List.of("type", "title", "status"));
		problem.setAdditionalProperties(true);
		return problem;
	}

	private static Schema<Object> typed(String type, String description) {
		JsonSchema schema = new JsonSchema();
		schema.addType(type);
		schema.description(description);
		return schema;
	}

}

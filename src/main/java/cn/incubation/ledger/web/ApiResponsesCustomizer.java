package cn.incubation.ledger.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Completes what springdoc reads from the controllers with what the ledger does around them: the problem document
 * every refusal is, the refusals each kind of request can meet (a bad value, no or a wrong sign-in, a role or scope
 * that does not reach, an unknown id, a conflict with what is stored, a body too large or not JSON, too many failed
 * sign-ins), and a command's headers ({@code Idempotency-Key}, {@code If-Match}; {@code ETag}, {@code Location},
 * {@code Idempotent-Replayed}).
 */
@Component
class ApiResponsesCustomizer implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public void customise(OpenAPI api) {
        api.getComponents().addSchemas(PROBLEM, problemSchema());
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            item.readOperationsMap().forEach((method, operation) -> describe(path, method, operation));
        });
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses();
        problem(responses, "400", "A parameter, header or field breaks a rule; the problem names it, its value and the "
                + "rule, and nothing was stored");
        problem(responses, "401", "No sign-in, or a wrong username or password");
        problem(responses, "403", "The signed-in user's role or scope does not reach this request; the problem names "
                + "what it lacked");
        problem(responses, "429", "Too many failed sign-ins from this address or for this user; wait and try again");
        if (path.contains("{")) {
            problem(responses, "404", "Nothing with this id is in the ledger");
        }
        boolean writes = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PATCH;
        if (writes) {
            problem(responses, "409", "The request conflicts with what is stored: a rule of the current state, an "
                    + "If-Match version that is no longer the current one, or an Idempotency-Key used before with "
                    + "another request");
            problem(responses, "413", "The body is larger than the ledger accepts");
            problem(responses, "415", "The body is not JSON");
        }
        if (writes && isCommand(path)) {
            operation.addParametersItem(new HeaderParameter().name(CommandDispatcher.IDEMPOTENCY_KEY).required(false)
                    .description("Makes the command safe to repeat: a repeat with the same key and body answers "
                            + "the first answer again (with Idempotent-Replayed: true) and stores nothing; the same "
                            + "key with another body is a 409. Keys belong to the user who sent them")
                    .schema(new StringSchema().minLength(1).maxLength(200).pattern("^[\\x21-\\x7E]+$"))
                    .example("2024-q3-headcount-zhiyuan"));
            if (path.contains("{")) {
                operation.addParametersItem(new HeaderParameter().name(HttpHeaders.IF_MATCH).required(false)
                        .description("Only if the aggregate is still at this version (the ETag of an earlier "
                                + "answer); otherwise a 409 and nothing stored")
                        .schema(new StringSchema()).example("\"3\""));
            }
            responses.forEach((status, response) -> {
                if (status.startsWith("2")) {
                    response.addHeaderObject(HttpHeaders.ETAG, header("The aggregate's version after the command"));
                    response.addHeaderObject(CommandDispatcher.REPLAYED,
                                             header("true when this is the first answer to the same Idempotency-Key, "
                                                    + "given again"));
                    if (status.equals("201")) {
                        response.addHeaderObject(HttpHeaders.LOCATION, header("Where what was created is read"));
                    }
                }
            });
        }
    }

    /** The commands about carriers and tenants, which go through the dispatcher and its conditions. */
    private static boolean isCommand(String path) {
        return path.startsWith("/api/incubators") || path.startsWith("/api/tenants");
    }

    private static void problem(ApiResponses responses, String status, String description) {
        if (responses.containsKey(status)) {
            return;
        }
        responses.addApiResponse(status, new ApiResponse().description(description).content(new Content()
                .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(
                        "#/components/schemas/" + PROBLEM)))));
    }

    private static Header header(String description) {
        return new Header().description(description).schema(new StringSchema());
    }

    @SuppressWarnings("rawtypes")
    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = Map.of(
                "type", new StringSchema().format("uri").example("https://incubation-ledger.cn/problems/invalid-input"),
                "title", new StringSchema().example("Bad Request"),
                "status", new IntegerSchema().example(400),
                "detail", new StringSchema().example("admittedOn = 2031-01-01: must not be in the future"),
                "instance", new StringSchema().format("uri-reference"),
                "field", new StringSchema().description("the field, parameter or header at fault").example("admittedOn"),
                "value", new StringSchema().description("an excerpt of the value given").example("2031-01-01"),
                "rule", new StringSchema().description("the rule it broke").example("must not be in the future"));
        ObjectSchema schema = new ObjectSchema();
        schema.description("An RFC 9457 problem detail: what was refused, and for a field, its value and the rule");
        new java.util.TreeMap<>(properties).forEach(schema::addProperty);
        return schema;
    }
}

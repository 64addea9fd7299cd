package cn.incubation.ledger.web;

import cn.incubation.ledger.mongo.StoreBackup;
import cn.incubation.ledger.shared.LedgerRejection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** A consistent copy of the running embedded store, streamed to an admin (the CLI's {@code backup --server}). */
@RestController
@RequestMapping("/api/ledger")
@Tag(name = "Ledger integrity", description = "Hash chain verification and checkpoints (admin)")
class LedgerBackupController {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                                                                    .withZone(ZoneId.of("Asia/Shanghai"));

    private final StoreBackup backup;
    private final Clock clock;

    LedgerBackupController(StoreBackup backup, Clock clock) {
        this.backup = backup;
        this.clock = clock;
    }

    @GetMapping("/backup")
    @Operation(summary = "A zip holding a consistent copy of the embedded store's file, made while the ledger serves "
            + "(H2's online backup); restore it with the CLI's restore and check it with verify. 409 when the ledger "
            + "runs on an external MongoDB or in memory",
               responses = {@ApiResponse(responseCode = "200", content = @Content(mediaType = "application/zip",
                       schema = @Schema(type = "string", format = "binary"))),
                            @ApiResponse(responseCode = "409", content = @Content(
                                    mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                    schema = @Schema(implementation = ProblemDetail.class)))})
    ResponseEntity<StreamingResponseBody> backup() {
        String unavailable = backup.unavailable();
        if (unavailable != null) {
            throw LedgerRejection.conflict("backup", null, "is not made here: " + unavailable);
        }
        String name = "ledger-" + STAMP.format(clock.instant()) + ".zip";
        StreamingResponseBody body = backup::writeTo;
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                             .header(HttpHeaders.CONTENT_DISPOSITION,
                                     ContentDisposition.attachment().filename(name).build().toString())
                             .body(body);
    }
}

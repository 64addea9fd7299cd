package cn.incubation.ledger.ui.parts;

import cn.incubation.ledger.report.Table;
import cn.incubation.ledger.report.TableFiles;
import cn.incubation.ledger.shared.LedgerRejection;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;

import java.nio.charset.StandardCharsets;

/**
 * A page's table as a file, written by the report package's writers as the overview's downloads are: xlsx with
 * number formats, or CSV with a byte-order mark so that Excel reads its Chinese; named in Chinese.
 */
public final class Downloads {

    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private Downloads() {
    }

    /** The format asked for, checked before anything is read: xlsx or csv. */
    public static String format(String format) {
        if (!"xlsx".equals(format) && !"csv".equals(format)) {
            throw LedgerRejection.invalid("format", format, "must be xlsx or csv");
        }
        return format;
    }

    /** A download asked with a wrong field is refused with that field's rule: it has no page to mark the field on. */
    public static LedgerRejection refusal(Errors errors) {
        FieldError error = errors.getFieldError();
        return LedgerRejection.invalid(error.getField(), error.getRejectedValue(), error.getDefaultMessage());
    }

    /** The file {@code name.format} holding the table. */
    public static ResponseEntity<byte[]> file(Table table, String name, String format) {
        boolean xlsx = format(format).equals("xlsx");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentDisposition(ContentDisposition.attachment()
                                                        .filename(name + "." + format, StandardCharsets.UTF_8)
                                                        .build());
        headers.setContentType(xlsx ? XLSX : CSV);
        return ResponseEntity.ok().headers(headers).body(xlsx ? TableFiles.xlsx(table) : TableFiles.csv(table));
    }
}

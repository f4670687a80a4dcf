#ifndef MOTCUA_CCURL_H
#define MOTCUA_CCURL_H

#include <stddef.h>

/// What one POST brought back: the HTTP status and body, or a curl error code and its text.
typedef struct {
    long status;
    unsigned char *body;
    size_t length;
    /// 0 when an answer came; otherwise curl's error code (28: timed out), or -1 when libcurl
    /// could not be loaded.
    int error;
    char message[256];
} motcua_http_answer;

/// POSTs `body` to `url` with `headers` ("Name: value"), waiting at most `timeout_ms` for the
/// whole exchange. Follows no redirect and speaks only HTTP and HTTPS. libcurl is loaded on
/// first use (dlopen), so a process that sends nothing never loads it or its thirty libraries.
int motcua_http_post(const char *url, const char *const *headers, int header_count,
                     const void *body, size_t length, long timeout_ms, size_t max_body,
                     motcua_http_answer *answer);

/// Frees the answer's body.
void motcua_http_free(motcua_http_answer *answer);

#endif

// libcurl through dlopen: the only HTTP the desk needs (the portal's outbox and inbox), without
// linking FoundationNetworking, whose load (libcurl, TLS, Kerberos, LDAP: ~30 libraries) cost
// every command about 10 ms at start. The option numbers are libcurl's stable ABI (curl.h).
#define _GNU_SOURCE
#include "ccurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    OPT_WRITEDATA = 10001, OPT_URL = 10002, OPT_ERRORBUFFER = 10010, OPT_POSTFIELDS = 10015,
    OPT_HTTPHEADER = 10023, OPT_WRITEFUNCTION = 20011, OPT_POST = 47, OPT_FOLLOWLOCATION = 52,
    OPT_NOSIGNAL = 99, OPT_TIMEOUT_MS = 155, OPT_PROTOCOLS = 181, OPT_POSTFIELDSIZE_LARGE = 30120,
    OPT_PROTOCOLS_STR = 10318, INFO_RESPONSE_CODE = 0x200000 + 2, GLOBAL_DEFAULT = 3,
    PROTO_HTTP = 1, PROTO_HTTPS = 2, WRITE_ERROR = 23,
};

struct slist;
static struct {
    int (*global_init)(long);
    void *(*easy_init)(void);
    int (*easy_setopt)(void *, int, ...);
    int (*easy_perform)(void *);
    int (*easy_getinfo)(void *, int, ...);
    void (*easy_cleanup)(void *);
    struct slist *(*slist_append)(struct slist *, const char *);
    void (*slist_free_all)(struct slist *);
    const char *(*easy_strerror)(int);
    int loaded;
} curl;

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    const char *names[] = {"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so"};
    void *lib = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !lib; i++) lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!lib) return;
    *(void **)&curl.global_init = dlsym(lib, "curl_global_init");
    *(void **)&curl.easy_init = dlsym(lib, "curl_easy_init");
    *(void **)&curl.easy_setopt = dlsym(lib, "curl_easy_setopt");
    *(void **)&curl.easy_perform = dlsym(lib, "curl_easy_perform");
    *(void **)&curl.easy_getinfo = dlsym(lib, "curl_easy_getinfo");
    *(void **)&curl.easy_cleanup = dlsym(lib, "curl_easy_cleanup");
    *(void **)&curl.slist_append = dlsym(lib, "curl_slist_append");
    *(void **)&curl.slist_free_all = dlsym(lib, "curl_slist_free_all");
    *(void **)&curl.easy_strerror = dlsym(lib, "curl_easy_strerror");
    if (!curl.global_init || !curl.easy_init || !curl.easy_setopt || !curl.easy_perform || !curl.easy_getinfo
        || !curl.easy_cleanup || !curl.slist_append || !curl.slist_free_all || !curl.easy_strerror) return;
    curl.loaded = curl.global_init(GLOBAL_DEFAULT) == 0;      // not thread-safe: hence once
}

struct sink { motcua_http_answer *answer; size_t capacity; size_t max; };

static size_t collect(char *data, size_t size, size_t count, void *user) {
    struct sink *sink = user;
    size_t n = size * count;
    motcua_http_answer *a = sink->answer;
    if (a->length + n > sink->max) return 0;                 // too large: curl stops with a write error
    if (a->length + n > sink->capacity) {
        size_t capacity = sink->capacity ? sink->capacity : 16384;
        while (capacity < a->length + n) capacity *= 2;
        unsigned char *grown = realloc(a->body, capacity);
        if (!grown) return 0;
        a->body = grown;
        sink->capacity = capacity;
    }
    memcpy(a->body + a->length, data, n);
    a->length += n;
    return n;
}

int motcua_http_post(const char *url, const char *const *headers, int header_count,
                     const void *body, size_t length, long timeout_ms, size_t max_body,
                     motcua_http_answer *answer) {
    memset(answer, 0, sizeof *answer);
    pthread_once(&once, load);
    if (!curl.loaded) {
        answer->error = -1;
        snprintf(answer->message, sizeof answer->message, "libcurl.so.4");
        return answer->error;
    }
    void *easy = curl.easy_init();
    if (!easy) {
        answer->error = -1;
        snprintf(answer->message, sizeof answer->message, "curl_easy_init");
        return answer->error;
    }
    struct slist *list = NULL;
    for (int i = 0; i < header_count; i++) list = curl.slist_append(list, headers[i]);
    list = curl.slist_append(list, "Expect:");               // no 100-continue wait on a large body
    struct sink sink = {answer, 0, max_body};
    char error[256] = "";
    curl.easy_setopt(easy, OPT_ERRORBUFFER, error);
    curl.easy_setopt(easy, OPT_URL, url);
    if (curl.easy_setopt(easy, OPT_PROTOCOLS_STR, "http,https") != 0)
        curl.easy_setopt(easy, OPT_PROTOCOLS, (long)(PROTO_HTTP | PROTO_HTTPS));   // libcurl before 7.85
    curl.easy_setopt(easy, OPT_FOLLOWLOCATION, 0L);
    curl.easy_setopt(easy, OPT_NOSIGNAL, 1L);
    curl.easy_setopt(easy, OPT_TIMEOUT_MS, timeout_ms);
    curl.easy_setopt(easy, OPT_POST, 1L);
    curl.easy_setopt(easy, OPT_POSTFIELDS, length ? body : "");
    curl.easy_setopt(easy, OPT_POSTFIELDSIZE_LARGE, (long long)length);
    curl.easy_setopt(easy, OPT_HTTPHEADER, list);
    curl.easy_setopt(easy, OPT_WRITEFUNCTION, collect);
    curl.easy_setopt(easy, OPT_WRITEDATA, &sink);
    int code = curl.easy_perform(easy);
    if (code == 0) {
        curl.easy_getinfo(easy, INFO_RESPONSE_CODE, &answer->status);
    } else {
        answer->error = code;
        snprintf(answer->message, sizeof answer->message, "%s", error[0] ? error : curl.easy_strerror(code));
    }
    curl.easy_cleanup(easy);
    curl.slist_free_all(list);
    return answer->error;
}

void motcua_http_free(motcua_http_answer *answer) {
    free(answer->body);
    answer->body = NULL;
    answer->length = 0;
}

/* The benchmarks' baseline: the smallest libfcgi responder, one thread per core.
   Not part of the portal. Usage: hello_fcgi HOST:PORT [THREADS]
   "Bonjour\n"; with a query string of digits, that many bytes instead (at most 1 MiB): the
   cost of carrying a page's weight alone, without making the page. */
#include <fcgiapp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BODY (1024 * 1024)

static int listen_fd;
static char filler[MAX_BODY];

static void* serve(void* arg)
{
    FCGX_Request request;
    (void)arg;
    FCGX_InitRequest(&request, listen_fd, 0);
    while (FCGX_Accept_r(&request) >= 0) {
        const char* query = FCGX_GetParam("QUERY_STRING", request.envp);
        long size = query && *query ? strtol(query, NULL, 10) : 0;
        if (size > 0 && size <= MAX_BODY) {
            FCGX_FPrintF(request.out,
                         "Status: 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
                         "Content-Length: %ld\r\n\r\n",
                         size);
            FCGX_PutStr(filler, (int)size, request.out);
        } else {
            FCGX_PutS("Status: 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
                      "Content-Length: 8\r\n\r\nBonjour\n",
                      request.out);
        }
        FCGX_Finish_r(&request);
    }
    return NULL;
}

int main(int argc, char** argv)
{
    int threads = argc > 2 ? atoi(argv[2]) : 8;
    pthread_t ids[256];
    if (argc < 2 || threads < 1 || threads > 256) {
        fprintf(stderr, "usage: hello_fcgi HOST:PORT [THREADS]\n");
        return 2;
    }
    memset(filler, 'x', sizeof filler);
    FCGX_Init();
    listen_fd = FCGX_OpenSocket(argv[1], 1024);
    if (listen_fd < 0) {
        fprintf(stderr, "hello_fcgi: cannot listen on %s\n", argv[1]);
        return 1;
    }
    for (int i = 0; i < threads; ++i)
        pthread_create(&ids[i], NULL, serve, NULL);
    for (int i = 0; i < threads; ++i)
        pthread_join(ids[i], NULL);
    return 0;
}

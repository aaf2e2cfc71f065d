/* test_sign.c: cmocka tests of the signing module (sign.h).
 *
 * Every test works on real files in its own temporary folder, and checks the
 * files with OpenSSL directly or with the openssl command rather than through
 * the module itself, so that a wrong key id or a wrong SM2 ID cannot pass by
 * agreeing with itself. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "fsutil.h"
#include "sign.h"
#include "testutil.h"

#define SM2_OPTS "-digest sm3 -pkeyopt distid:1234567812345678"

/* A failure must leave nothing behind in OpenSSL's error queue. */
#define assert_queue_empty() assert_int_equal(ERR_peek_error(), 0)

/* Checks a status, that a message came with any failure, and frees it. */
#define assert_status(call, expected)                                    \
    do {                                                                 \
        char *err_ = NULL;                                               \
        sign_status got_ = (call);                                       \
        if (got_ != (expected))                                          \
            print_error("%s: got %d, expected %d: %s\n", #call, (int)got_, \
                        (int)(expected), err_ ? err_ : "(no message)");  \
        assert_int_equal(got_, (expected));                              \
        if ((expected) != SIGN_OK)                                       \
            assert_non_null(err_);                                       \
        free(err_);                                                      \
        assert_queue_empty();                                            \
    } while (0)
/* For use inside assert_status: the name of its error slot. */
#define ERRMSG (&err_)

static int tdir_setup(void **state)
{
    *state = testutil_tempdir();
    return *state == NULL ? -1 : 0;
}

static int tdir_teardown(void **state)
{
    testutil_rmtree(*state);
    free(*state);
    return 0;
}

/* Joins the test folder and a name into out (256 bytes). */
static char *tpath(char *out, const void *state, const char *name)
{
    snprintf(out, 256, "%s/%s", (const char *)state, name);
    return out;
}

static void file_write(const char *path, const void *data, size_t len, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    assert_true(fd >= 0);
    assert_int_equal(fchmod(fd, mode), 0);
    assert_int_equal(write(fd, data, len), (ssize_t)len);
    assert_int_equal(close(fd), 0);
}

/* Returns the file's bytes (caller frees). */
static char *file_read(const char *path, size_t *len)
{
    char *buf = NULL;
    char *err = NULL;
    size_t n = 0;
    if (fsutil_read_file(path, 1 << 20, &buf, &n, &err) != 0)
        print_error("%s\n", err ? err : path);
    free(err);
    assert_non_null(buf);
    if (len)
        *len = n;
    return buf;
}

static mode_t file_mode(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st.st_mode & 07777;
}

static bool have_openssl(void)
{
    return system("command -v openssl >/dev/null 2>&1") == 0;
}

/* Runs a shell command; returns its stdout and stderr (caller frees). */
static char *run_command(const char *command)
{
    char *full = NULL;
    assert_true(asprintf(&full, "%s 2>&1", command) >= 0);
    FILE *p = popen(full, "r");
    free(full);
    assert_non_null(p);
    size_t cap = 4096, used = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    size_t n;
    while ((n = fread(out + used, 1, cap - used - 1, p)) > 0) {
        used += n;
        if (used + 1 == cap) {
            cap *= 2;
            out = realloc(out, cap);
            assert_non_null(out);
        }
    }
    out[used] = '\0';
    pclose(p);
    return out;
}

/* Lower-case hex SHA-256 of the DER SubjectPublicKeyInfo in a .pub file,
 * computed here without the module. */
static void pub_file_sha256(const char *pub_path, char hex[65])
{
    FILE *f = fopen(pub_path, "r");
    assert_non_null(f);
    EVP_PKEY *pkey = PEM_read_PUBKEY(f, NULL, NULL, NULL);
    fclose(f);
    assert_non_null(pkey);
    unsigned char *der = NULL;
    int der_len = i2d_PUBKEY(pkey, &der);
    assert_true(der_len > 0);
    unsigned char md[32];
    unsigned int md_len = 0;
    assert_int_equal(EVP_Digest(der, (size_t)der_len, md, &md_len, EVP_sha256(), NULL), 1);
    assert_int_equal(md_len, 32);
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    OPENSSL_free(der);
    EVP_PKEY_free(pkey);
}

/* Makes DIR/NAME.key and DIR/NAME.pub. */
static void keygen_ok(void **state, sign_algo algo, const char *name, const char *passphrase)
{
    char prefix[256];
    char *id = NULL;
    assert_status(sign_keygen(algo, tpath(prefix, *state, name), passphrase, &id, ERRMSG),
                  SIGN_OK);
    assert_non_null(id);
    free(id);
}

static sign_key *load_private_ok(void **state, const char *name, const char *passphrase)
{
    char path[256];
    sign_key *key = NULL;
    assert_status(sign_key_load_private(tpath(path, *state, name), passphrase, &key, ERRMSG),
                  SIGN_OK);
    assert_non_null(key);
    return key;
}

static sign_key *load_public_ok(void **state, const char *name)
{
    char path[256];
    sign_key *key = NULL;
    assert_status(sign_key_load_public(tpath(path, *state, name), &key, ERRMSG), SIGN_OK);
    assert_non_null(key);
    return key;
}

/* ~200 bytes, Chinese included, as a report would have. */
static const char small_report[] =
    "unit,item,answer\r\n"
    "\"第一单位\",\"1.1 口令长度不少于8位\",\"是\"\r\n"
    "\"第一单位\",\"1.2 终端安装防病毒软件\",\"否\"\r\n"
    "\"第一单位\",\"2.1 数据备份\",\"是\"\r\n"
    "\"第一单位\",\"2.2 移动介质登记\",\"是\"\r\n";

static void test_algo_names(void **state)
{
    (void)state;
    sign_algo algo = SIGN_ALGO_ED25519;
    assert_int_equal(sign_algo_parse("sm2", &algo), 0);
    assert_int_equal(algo, SIGN_ALGO_SM2);
    assert_int_equal(sign_algo_parse("ed25519", &algo), 0);
    assert_int_equal(algo, SIGN_ALGO_ED25519);
    assert_int_equal(sign_algo_parse("rsa", &algo), -1);
    assert_int_equal(sign_algo_parse("", &algo), -1);
    assert_string_equal(sign_algo_name(SIGN_ALGO_SM2), "sm2");
    assert_string_equal(sign_algo_name(SIGN_ALGO_ED25519), "ed25519");
}

static void roundtrip(void **state, sign_algo algo)
{
    keygen_ok(state, algo, "unit", NULL);
    sign_key *priv = load_private_ok(state, "unit.key", NULL);
    sign_key *pub = load_public_ok(state, "unit.pub");
    assert_int_equal(sign_key_algo(priv), algo);
    assert_int_equal(sign_key_algo(pub), algo);

    const unsigned char *data = (const unsigned char *)small_report;
    size_t len = sizeof small_report - 1;
    unsigned char *sig = NULL;
    size_t sig_len = 0;
    assert_status(sign_data(priv, data, len, &sig, &sig_len, ERRMSG), SIGN_OK);
    if (algo == SIGN_ALGO_ED25519)
        assert_int_equal(sig_len, 64);
    else  /* DER, a byte or two shorter when r or s starts with zero bytes */
        assert_true(sig_len >= 8 && sig_len <= 72);
    assert_status(sign_verify_data(pub, data, len, sig, sig_len, ERRMSG), SIGN_OK);
    assert_status(sign_verify_data(priv, data, len, sig, sig_len, ERRMSG), SIGN_OK);
    assert_status(sign_verify_data(pub, data, len - 1, sig, sig_len, ERRMSG),
                  SIGN_ERR_BAD_SIGNATURE);
    free(sig);

    /* Empty data is a legitimate (if odd) thing to sign. */
    assert_status(sign_data(priv, NULL, 0, &sig, &sig_len, ERRMSG), SIGN_OK);
    assert_status(sign_verify_data(pub, NULL, 0, sig, sig_len, ERRMSG), SIGN_OK);
    free(sig);

    char report[256], sig_path[256];
    file_write(tpath(report, *state, "report.csv"), small_report, sizeof small_report - 1, 0644);
    assert_status(sign_file(priv, report, ERRMSG), SIGN_OK);
    assert_int_equal(file_mode(tpath(sig_path, *state, "report.csv.sig")), 0644);
    assert_status(sign_verify_file(pub, report, NULL, ERRMSG), SIGN_OK);
    assert_status(sign_verify_file(pub, report, sig_path, ERRMSG), SIGN_OK);

    /* Another key of the same kind must not accept it. */
    keygen_ok(state, algo, "other", NULL);
    sign_key *other = load_public_ok(state, "other.pub");
    char *err = NULL;
    assert_int_equal(sign_verify_file(other, report, NULL, &err), SIGN_ERR_BAD_SIGNATURE);
    assert_non_null(err);
    assert_non_null(strstr(err, report));
    assert_non_null(strstr(err, "does not match"));
    free(err);
    assert_queue_empty();
    sign_key_free(other);

    sign_key_free(priv);
    sign_key_free(pub);
}

static void test_roundtrip_sm2(void **state)
{
    roundtrip(state, SIGN_ALGO_SM2);
}

static void test_roundtrip_ed25519(void **state)
{
    roundtrip(state, SIGN_ALGO_ED25519);
}

/* A key rebuilt from its own bytes (sign_key_raw_public) is the same key:
 * its id, and it verifies what the private key signed; two keys rebuilt
 * one after the other stay two keys; bytes of another length, or a point
 * off the curve, are refused with nothing left in OpenSSL's queue. */
static void raw_public(void **state, sign_algo algo)
{
    static const unsigned char data[] = "format_version,report_id\r\n2,r-1\r\n";
    const char *names[] = {"one", "two"};
    char *ids[2] = {NULL, NULL};
    for (int n = 0; n < 2; n++) {
        char pub_name[32], key_name[32];
        snprintf(pub_name, sizeof pub_name, "%s.pub", names[n]);
        snprintf(key_name, sizeof key_name, "%s.key", names[n]);
        keygen_ok(state, algo, names[n], NULL);
        sign_key *pub = load_public_ok(state, pub_name);
        sign_key *priv = load_private_ok(state, key_name, NULL);
        unsigned char *raw = NULL;
        size_t len = 0;
        assert_status(sign_key_raw_public(pub, &raw, &len, ERRMSG), SIGN_OK);
        assert_int_equal(len, algo == SIGN_ALGO_SM2 ? 65 : 32);
        sign_key *rebuilt = NULL;
        assert_status(sign_key_from_raw_public(algo, raw, len, &rebuilt, ERRMSG), SIGN_OK);
        assert_int_equal(sign_key_algo(rebuilt), algo);
        ids[n] = sign_key_id(rebuilt);
        char *want = sign_key_id(pub);
        assert_string_equal(ids[n], want);
        free(want);
        unsigned char *sig = NULL;
        size_t sig_len = 0;
        assert_status(sign_data(priv, data, sizeof data - 1, &sig, &sig_len, ERRMSG), SIGN_OK);
        assert_status(sign_verify_data(rebuilt, data, sizeof data - 1, sig, sig_len, ERRMSG), SIGN_OK);
        assert_status(sign_verify_data(rebuilt, data, sizeof data - 2, sig, sig_len, ERRMSG),
                      SIGN_ERR_BAD_SIGNATURE);
        free(sig);
        sign_key *bad = NULL;
        assert_status(sign_key_from_raw_public(algo, raw, len - 1, &bad, ERRMSG), SIGN_ERR_MALFORMED);
        assert_null(bad);
        if (algo == SIGN_ALGO_SM2) {
            raw[len - 1] ^= 1;   /* y no longer fits x: off the curve */
            assert_status(sign_key_from_raw_public(algo, raw, len, &bad, ERRMSG), SIGN_ERR_MALFORMED);
            assert_null(bad);
        }
        assert_queue_empty();
        free(raw);
        sign_key_free(rebuilt);
        sign_key_free(priv);
        sign_key_free(pub);
    }
    assert_string_not_equal(ids[0], ids[1]);
    free(ids[0]);
    free(ids[1]);
}

static void test_raw_public_sm2(void **state)
{
    raw_public(state, SIGN_ALGO_SM2);
}

static void test_raw_public_ed25519(void **state)
{
    raw_public(state, SIGN_ALGO_ED25519);
}

static void key_id_check(void **state, sign_algo algo)
{
    char prefix[256], pub_path[256];
    char *id = NULL;
    assert_status(sign_keygen(algo, tpath(prefix, *state, "unit"), NULL, &id, ERRMSG), SIGN_OK);
    assert_non_null(id);
    assert_int_equal(strlen(id), 64);
    assert_int_equal(strspn(id, "0123456789abcdef"), 64);

    char expected[65];
    pub_file_sha256(tpath(pub_path, *state, "unit.pub"), expected);
    assert_string_equal(id, expected);

    sign_key *pub = load_public_ok(state, "unit.pub");
    sign_key *priv = load_private_ok(state, "unit.key", NULL);
    char *pub_id = sign_key_id(pub);
    char *priv_id = sign_key_id(priv);
    assert_string_equal(pub_id, id);
    assert_string_equal(priv_id, id);
    free(pub_id);
    free(priv_id);
    sign_key_free(pub);
    sign_key_free(priv);

    if (have_openssl() && system("command -v sha256sum >/dev/null 2>&1") == 0) {
        char *command = NULL;
        assert_true(asprintf(&command, "openssl pkey -pubin -in '%s' -outform DER | sha256sum",
                             pub_path) >= 0);
        char *out = run_command(command);
        free(command);
        assert_true(strlen(out) >= 64);
        out[64] = '\0';
        assert_string_equal(out, id);
        free(out);
    }
    free(id);
}

static void test_key_id_sm2(void **state)
{
    key_id_check(state, SIGN_ALGO_SM2);
}

static void test_key_id_ed25519(void **state)
{
    key_id_check(state, SIGN_ALGO_ED25519);
}

static void test_key_files(void **state)
{
    char key_path[256], pub_path[256];
    keygen_ok(state, SIGN_ALGO_SM2, "unit", NULL);
    assert_int_equal(file_mode(tpath(key_path, *state, "unit.key")), 0600);
    assert_int_equal(file_mode(tpath(pub_path, *state, "unit.pub")), 0644);

    char *key = file_read(key_path, NULL);
    char *pub = file_read(pub_path, NULL);
    assert_true(strncmp(key, "-----BEGIN PRIVATE KEY-----\n", 28) == 0);
    assert_non_null(strstr(key, "-----END PRIVATE KEY-----\n"));
    assert_true(strncmp(pub, "-----BEGIN PUBLIC KEY-----\n", 27) == 0);
    assert_non_null(strstr(pub, "-----END PUBLIC KEY-----\n"));
    free(key);
    free(pub);

    /* No temporary files left next to the keys. */
    DIR *dir = opendir(*state);
    assert_non_null(dir);
    int entries = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            entries++;
    closedir(dir);
    assert_int_equal(entries, 2);
}

static void test_keygen_refuses_overwrite(void **state)
{
    char prefix[256], key_path[256], pub_path[256];
    tpath(prefix, *state, "unit");
    tpath(key_path, *state, "unit.key");
    tpath(pub_path, *state, "unit.pub");

    keygen_ok(state, SIGN_ALGO_ED25519, "unit", NULL);
    char *key_before = file_read(key_path, NULL);
    char *pub_before = file_read(pub_path, NULL);
    char *id = NULL;
    assert_status(sign_keygen(SIGN_ALGO_SM2, prefix, NULL, &id, ERRMSG), SIGN_ERR_EXISTS);
    assert_null(id);
    char *key_after = file_read(key_path, NULL);
    char *pub_after = file_read(pub_path, NULL);
    assert_string_equal(key_before, key_after);
    assert_string_equal(pub_before, pub_after);
    free(key_before);
    free(pub_before);
    free(key_after);
    free(pub_after);

    /* Either file alone blocks it, and nothing of the pair gets written, not
     * even for a moment: the folder's modification time, set far in the past,
     * would move if a file were created and removed again. */
    assert_int_equal(unlink(key_path), 0);
    const struct timespec old[2] = { { 946684800, 0 }, { 946684800, 0 } };
    assert_int_equal(utimensat(AT_FDCWD, (const char *)*state, old, 0), 0);
    assert_status(sign_keygen(SIGN_ALGO_SM2, prefix, NULL, &id, ERRMSG), SIGN_ERR_EXISTS);
    assert_false(fsutil_exists(key_path));
    struct stat st;
    assert_int_equal(stat(*state, &st), 0);
    assert_int_equal(st.st_mtim.tv_sec, 946684800);
    assert_int_equal(unlink(pub_path), 0);
    file_write(key_path, "x", 1, 0600);
    assert_status(sign_keygen(SIGN_ALGO_SM2, prefix, NULL, &id, ERRMSG), SIGN_ERR_EXISTS);
    assert_false(fsutil_exists(pub_path));
    assert_null(id);
}

static void encrypted_check(void **state, sign_algo algo)
{
    char key_path[256];
    keygen_ok(state, algo, "unit", "correct horse 电池");
    char *text = file_read(tpath(key_path, *state, "unit.key"), NULL);
    assert_true(strncmp(text, "-----BEGIN ENCRYPTED PRIVATE KEY-----\n", 38) == 0);
    free(text);
    assert_int_equal(file_mode(key_path), 0600);

    sign_key *key = NULL;
    assert_status(sign_key_load_private(key_path, "wrong", &key, ERRMSG), SIGN_ERR_PASSPHRASE);
    assert_null(key);
    assert_status(sign_key_load_private(key_path, NULL, &key, ERRMSG), SIGN_ERR_PASSPHRASE);
    assert_null(key);
    assert_status(sign_key_load_private(key_path, "", &key, ERRMSG), SIGN_ERR_PASSPHRASE);
    assert_null(key);
    assert_status(sign_key_load_private(key_path, "correct horse", &key, ERRMSG),
                  SIGN_ERR_PASSPHRASE);
    assert_null(key);

    key = load_private_ok(state, "unit.key", "correct horse 电池");
    sign_key *pub = load_public_ok(state, "unit.pub");
    unsigned char *sig = NULL;
    size_t sig_len = 0;
    assert_status(sign_data(key, (const unsigned char *)"x", 1, &sig, &sig_len, ERRMSG), SIGN_OK);
    assert_status(sign_verify_data(pub, (const unsigned char *)"x", 1, sig, sig_len, ERRMSG),
                  SIGN_OK);
    free(sig);
    sign_key_free(key);
    sign_key_free(pub);

    /* Given a passphrase, an unencrypted key is refused: whoever gave it
     * believes the key is protected. */
    keygen_ok(state, algo, "plain", NULL);
    char plain[256];
    assert_status(sign_key_load_private(tpath(plain, *state, "plain.key"), "unused", &key, ERRMSG),
                  SIGN_ERR_NOT_ENCRYPTED);
    assert_null(key);
}

static void test_encrypted_key_sm2(void **state)
{
    encrypted_check(state, SIGN_ALGO_SM2);
}

static void test_encrypted_key_ed25519(void **state)
{
    encrypted_check(state, SIGN_ALGO_ED25519);
}

static void test_empty_passphrase_means_unencrypted(void **state)
{
    char key_path[256];
    keygen_ok(state, SIGN_ALGO_SM2, "unit", "");
    char *text = file_read(tpath(key_path, *state, "unit.key"), NULL);
    assert_true(strncmp(text, "-----BEGIN PRIVATE KEY-----\n", 28) == 0);
    free(text);
    sign_key_free(load_private_ok(state, "unit.key", NULL));
    /* an empty passphrase is none */
    sign_key_free(load_private_ok(state, "unit.key", ""));
}

static void test_long_passphrase(void **state)
{
    char prefix[256];
    char passphrase[1100];
    memset(passphrase, 'p', sizeof passphrase - 1);
    passphrase[sizeof passphrase - 1] = '\0';
    char *id = NULL;
    /* Too long to be read back: refused before anything is written. */
    assert_status(sign_keygen(SIGN_ALGO_ED25519, tpath(prefix, *state, "long"), passphrase,
                              &id, ERRMSG), SIGN_ERR_PASSPHRASE);
    assert_null(id);
    assert_false(fsutil_exists(strcat(prefix, ".key")));
    /* The longest accepted one round-trips. */
    passphrase[1023] = '\0';
    keygen_ok(state, SIGN_ALGO_ED25519, "unit", passphrase);
    sign_key_free(load_private_ok(state, "unit.key", passphrase));
}

static void test_key_permissions(void **state)
{
    char key_path[256];
    keygen_ok(state, SIGN_ALGO_SM2, "unit", NULL);
    tpath(key_path, *state, "unit.key");
    static const mode_t bad[] = { 0644, 0640, 0604, 0620, 0602, 0660, 0666 };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(chmod(key_path, bad[i]), 0);
        sign_key *key = NULL;
        char *err = NULL;
        assert_int_equal(sign_key_load_private(key_path, NULL, &key, &err),
                         SIGN_ERR_KEY_PERMISSIONS);
        assert_null(key);
        assert_non_null(err);
        char mode_text[16];
        snprintf(mode_text, sizeof mode_text, "(mode %04o)", (unsigned)bad[i]);
        assert_non_null(strstr(err, mode_text));
        assert_non_null(strstr(err, "chmod 600"));
        assert_non_null(strstr(err, (bad[i] & 044) ? "readable by group or others"
                                                   : "writable by group or others"));
        free(err);
        assert_queue_empty();
    }
    assert_int_equal(chmod(key_path, 0400), 0);
    sign_key_free(load_private_ok(state, "unit.key", NULL));
}

/* Writes pkey as PKCS#8 PEM (0600) and SubjectPublicKeyInfo PEM. */
static void foreign_key_write(EVP_PKEY *pkey, const char *key_path, const char *pub_path)
{
    int fd = open(key_path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    assert_int_equal(PEM_write_PKCS8PrivateKey(f, pkey, NULL, NULL, 0, NULL, NULL), 1);
    assert_int_equal(fclose(f), 0);
    f = fopen(pub_path, "w");
    assert_non_null(f);
    assert_int_equal(PEM_write_PUBKEY(f, pkey), 1);
    assert_int_equal(fclose(f), 0);
}

static void test_foreign_key_types(void **state)
{
    char key_path[256], pub_path[256];
    EVP_PKEY *rsa = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
    assert_non_null(rsa);
    foreign_key_write(rsa, tpath(key_path, *state, "rsa.key"), tpath(pub_path, *state, "rsa.pub"));
    EVP_PKEY_free(rsa);

    sign_key *key = NULL;
    char *err = NULL;
    assert_int_equal(sign_key_load_private(key_path, NULL, &key, &err), SIGN_ERR_KEY_TYPE);
    assert_null(key);
    assert_non_null(strstr(err, "RSA"));
    free(err);
    assert_queue_empty();
    assert_status(sign_key_load_public(pub_path, &key, ERRMSG), SIGN_ERR_KEY_TYPE);
    assert_null(key);

    /* Plain ECDSA on P-256 is EC, not SM2, whatever the curve's strength. */
    EVP_PKEY *ec = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
    assert_non_null(ec);
    foreign_key_write(ec, tpath(key_path, *state, "ec.key"), tpath(pub_path, *state, "ec.pub"));
    EVP_PKEY_free(ec);
    assert_status(sign_key_load_private(key_path, NULL, &key, ERRMSG), SIGN_ERR_KEY_TYPE);
    assert_status(sign_key_load_public(pub_path, &key, ERRMSG), SIGN_ERR_KEY_TYPE);
    assert_null(key);
}

static void test_malformed_keys(void **state)
{
    char path[256], pub_path[256], key_path[256];
    sign_key *key = NULL;

    static const char garbage[] = "this is not a key\n\x01\x02\x03";
    file_write(tpath(path, *state, "garbage.key"), garbage, sizeof garbage - 1, 0600);
    assert_status(sign_key_load_private(path, NULL, &key, ERRMSG), SIGN_ERR_MALFORMED);
    assert_status(sign_key_load_private(path, "pass", &key, ERRMSG), SIGN_ERR_MALFORMED);
    assert_status(sign_key_load_public(path, &key, ERRMSG), SIGN_ERR_MALFORMED);

    file_write(tpath(path, *state, "empty.key"), "", 0, 0600);
    assert_status(sign_key_load_private(path, NULL, &key, ERRMSG), SIGN_ERR_MALFORMED);
    assert_status(sign_key_load_public(path, &key, ERRMSG), SIGN_ERR_MALFORMED);

    /* Half of a real key, plain and encrypted. */
    keygen_ok(state, SIGN_ALGO_SM2, "plain", NULL);
    keygen_ok(state, SIGN_ALGO_SM2, "enc", "secret");
    size_t len = 0;
    char *text = file_read(tpath(key_path, *state, "plain.key"), &len);
    file_write(tpath(path, *state, "half.key"), text, len / 2, 0600);
    free(text);
    assert_status(sign_key_load_private(path, NULL, &key, ERRMSG), SIGN_ERR_MALFORMED);
    text = file_read(tpath(key_path, *state, "enc.key"), &len);
    file_write(tpath(path, *state, "half-enc.key"), text, len / 2, 0600);
    free(text);
    assert_status(sign_key_load_private(path, "secret", &key, ERRMSG), SIGN_ERR_MALFORMED);

    /* The two halves of a pair swapped. */
    tpath(pub_path, *state, "plain.pub");
    assert_int_equal(chmod(pub_path, 0600), 0);
    assert_status(sign_key_load_private(pub_path, NULL, &key, ERRMSG), SIGN_ERR_MALFORMED);
    tpath(key_path, *state, "plain.key");
    assert_status(sign_key_load_public(key_path, &key, ERRMSG), SIGN_ERR_MALFORMED);
    /* An encrypted private key where a public one belongs: no prompt. */
    assert_status(sign_key_load_public(tpath(path, *state, "enc.key"), &key, ERRMSG),
                  SIGN_ERR_MALFORMED);

    /* Too large to be a key. */
    char *big = calloc(1, 70 * 1024);
    assert_non_null(big);
    memset(big, 'A', 70 * 1024);
    file_write(tpath(path, *state, "big.key"), big, 70 * 1024, 0600);
    free(big);
    assert_status(sign_key_load_private(path, NULL, &key, ERRMSG), SIGN_ERR_MALFORMED);
    assert_status(sign_key_load_public(path, &key, ERRMSG), SIGN_ERR_MALFORMED);

    assert_status(sign_key_load_private(tpath(path, *state, "missing.key"), NULL, &key, ERRMSG),
                  SIGN_ERR_IO);
    assert_status(sign_key_load_public(tpath(path, *state, "missing.pub"), &key, ERRMSG),
                  SIGN_ERR_IO);
    assert_null(key);
}

static void test_public_key_cannot_sign(void **state)
{
    keygen_ok(state, SIGN_ALGO_ED25519, "unit", NULL);
    sign_key *pub = load_public_ok(state, "unit.pub");
    unsigned char *sig = NULL;
    size_t sig_len = 0;
    assert_status(sign_data(pub, (const unsigned char *)"x", 1, &sig, &sig_len, ERRMSG),
                  SIGN_ERR_KEY_TYPE);
    assert_null(sig);
    sign_key_free(pub);
    sign_key_free(NULL);
}

static void test_sign_file_refuses_overwrite(void **state)
{
    char report[256], sig_path[256];
    keygen_ok(state, SIGN_ALGO_SM2, "unit", NULL);
    sign_key *key = load_private_ok(state, "unit.key", NULL);
    file_write(tpath(report, *state, "r.csv"), small_report, sizeof small_report - 1, 0644);
    assert_status(sign_file(key, report, ERRMSG), SIGN_OK);
    size_t before_len = 0, after_len = 0;
    char *before = file_read(tpath(sig_path, *state, "r.csv.sig"), &before_len);
    assert_status(sign_file(key, report, ERRMSG), SIGN_ERR_EXISTS);
    char *after = file_read(sig_path, &after_len);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len);
    free(before);
    free(after);

    assert_status(sign_file(key, tpath(report, *state, "missing.csv"), ERRMSG), SIGN_ERR_IO);
    assert_false(fsutil_exists(tpath(sig_path, *state, "missing.csv.sig")));
    sign_key_free(key);
}

static void test_size_limits(void **state)
{
    char report[256], sig_path[256], big[256];
    keygen_ok(state, SIGN_ALGO_ED25519, "unit", NULL);
    sign_key *key = load_private_ok(state, "unit.key", NULL);
    file_write(tpath(report, *state, "r.csv"), small_report, sizeof small_report - 1, 0644);
    tpath(sig_path, *state, "r.csv.sig");

    assert_status(sign_verify_file(key, report, NULL, ERRMSG), SIGN_ERR_IO);

    unsigned char junk[2048];
    memset(junk, 0x5a, sizeof junk);
    static const size_t bad_sizes[] = { 0, 1, 63, 65, 1024, 1025, 2048 };
    for (size_t i = 0; i < sizeof bad_sizes / sizeof bad_sizes[0]; i++) {
        file_write(sig_path, junk, bad_sizes[i], 0644);
        assert_status(sign_verify_file(key, report, NULL, ERRMSG), SIGN_ERR_MALFORMED);
    }
    file_write(sig_path, junk, 64, 0644);
    assert_status(sign_verify_file(key, report, NULL, ERRMSG), SIGN_ERR_BAD_SIGNATURE);

    /* A sparse file just over the cap: refused from its size, never read. */
    int fd = open(tpath(big, *state, "big.csv"), O_WRONLY | O_CREAT | O_EXCL, 0644);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)256 * 1024 * 1024 + 1), 0);
    assert_int_equal(close(fd), 0);
    assert_status(sign_file(key, big, ERRMSG), SIGN_ERR_MALFORMED);
    assert_false(fsutil_exists(tpath(sig_path, *state, "big.csv.sig")));
    file_write(sig_path, junk, 64, 0644);
    assert_status(sign_verify_file(key, big, NULL, ERRMSG), SIGN_ERR_MALFORMED);
    assert_status(sign_verify_file(key, tpath(big, *state, "missing.csv"), sig_path, ERRMSG),
                  SIGN_ERR_IO);

    /* Wrong-sized for SM2 too: under the DER minimum and over 72 bytes. */
    keygen_ok(state, SIGN_ALGO_SM2, "sm2", NULL);
    sign_key *sm2 = load_public_ok(state, "sm2.pub");
    assert_status(sign_verify_data(sm2, junk, 10, junk, 7, ERRMSG), SIGN_ERR_MALFORMED);
    assert_status(sign_verify_data(sm2, junk, 10, junk, 73, ERRMSG), SIGN_ERR_MALFORMED);
    assert_status(sign_verify_data(sm2, junk, 10, junk, 70, ERRMSG), SIGN_ERR_BAD_SIGNATURE);
    /* An SM2 signature checked with an Ed25519 key: wrong size for it. */
    unsigned char *sig = NULL;
    size_t sig_len = 0;
    sign_key *sm2_priv = load_private_ok(state, "sm2.key", NULL);
    assert_status(sign_data(sm2_priv, junk, 10, &sig, &sig_len, ERRMSG), SIGN_OK);
    assert_status(sign_verify_data(key, junk, 10, sig, sig_len, ERRMSG), SIGN_ERR_MALFORMED);
    free(sig);
    sign_key_free(sm2_priv);
    sign_key_free(sm2);
    sign_key_free(key);
}

/* Every single-byte change of the data or of the signature must be caught. */
static void tamper_check(void **state, sign_algo algo)
{
    char report[256], sig_path[256];
    keygen_ok(state, algo, "unit", NULL);
    sign_key *priv = load_private_ok(state, "unit.key", NULL);
    sign_key *pub = load_public_ok(state, "unit.pub");
    size_t len = sizeof small_report - 1;
    assert_true(len >= 190);
    file_write(tpath(report, *state, "r.csv"), small_report, len, 0644);
    assert_status(sign_file(priv, report, ERRMSG), SIGN_OK);
    size_t sig_len = 0;
    unsigned char *sig = (unsigned char *)file_read(tpath(sig_path, *state, "r.csv.sig"),
                                                    &sig_len);
    unsigned char data[sizeof small_report];
    memcpy(data, small_report, len);

    static const unsigned char masks[] = { 0xff, 0x01, 0x80 };
    for (size_t m = 0; m < sizeof masks; m++) {
        for (size_t i = 0; i < len; i++) {
            data[i] ^= masks[m];
            file_write(report, data, len, 0644);
            assert_status(sign_verify_file(pub, report, NULL, ERRMSG), SIGN_ERR_BAD_SIGNATURE);
            data[i] ^= masks[m];
        }
        file_write(report, data, len, 0644);
        for (size_t i = 0; i < sig_len; i++) {
            sig[i] ^= masks[m];
            file_write(sig_path, sig, sig_len, 0644);
            assert_status(sign_verify_file(pub, report, NULL, ERRMSG), SIGN_ERR_BAD_SIGNATURE);
            sig[i] ^= masks[m];
        }
        file_write(sig_path, sig, sig_len, 0644);
        assert_status(sign_verify_file(pub, report, NULL, ERRMSG), SIGN_OK);
    }
    /* A byte added or removed at the end. */
    file_write(report, data, len - 1, 0644);
    assert_status(sign_verify_file(pub, report, NULL, ERRMSG), SIGN_ERR_BAD_SIGNATURE);
    file_write(report, small_report, len + 1, 0644);
    assert_status(sign_verify_file(pub, report, NULL, ERRMSG), SIGN_ERR_BAD_SIGNATURE);
    free(sig);
    sign_key_free(priv);
    sign_key_free(pub);
}

static void test_tamper_sm2(void **state)
{
    tamper_check(state, SIGN_ALGO_SM2);
}

static void test_tamper_ed25519(void **state)
{
    tamper_check(state, SIGN_ALGO_ED25519);
}

/* We sign, the openssl command verifies. */
static void openssl_verifies_ours(void **state, sign_algo algo)
{
    if (!have_openssl())
        skip();
    char report[256], pub_path[256], sig_path[256];
    keygen_ok(state, algo, "unit", NULL);
    sign_key *priv = load_private_ok(state, "unit.key", NULL);
    file_write(tpath(report, *state, "r.csv"), small_report, sizeof small_report - 1, 0644);
    assert_status(sign_file(priv, report, ERRMSG), SIGN_OK);
    tpath(pub_path, *state, "unit.pub");
    tpath(sig_path, *state, "r.csv.sig");
    const char *opts = algo == SIGN_ALGO_SM2 ? SM2_OPTS : "";

    char *command = NULL;
    assert_true(asprintf(&command, "openssl pkeyutl -verify -pubin -inkey '%s' -rawin -in '%s' "
                         "-sigfile '%s' %s", pub_path, report, sig_path, opts) >= 0);
    char *out = run_command(command);
    if (strstr(out, "Signature Verified Successfully") == NULL)
        print_error("%s\n%s\n", command, out);
    assert_non_null(strstr(out, "Signature Verified Successfully"));
    free(out);

    /* The same command must say no to a changed file, or it proves nothing. */
    file_write(report, small_report, sizeof small_report - 2, 0644);
    out = run_command(command);
    assert_null(strstr(out, "Signature Verified Successfully"));
    free(out);
    free(command);

    if (algo == SIGN_ALGO_SM2) {
        /* Another distinguishing ID must fail: the ID really is in the signature. */
        file_write(report, small_report, sizeof small_report - 1, 0644);
        assert_true(asprintf(&command, "openssl pkeyutl -verify -pubin -inkey '%s' -rawin "
                             "-in '%s' -sigfile '%s' -digest sm3 -pkeyopt distid:0000",
                             pub_path, report, sig_path) >= 0);
        out = run_command(command);
        assert_null(strstr(out, "Signature Verified Successfully"));
        free(out);
        free(command);
    }
    sign_key_free(priv);
}

static void test_openssl_verifies_sm2(void **state)
{
    openssl_verifies_ours(state, SIGN_ALGO_SM2);
}

static void test_openssl_verifies_ed25519(void **state)
{
    openssl_verifies_ours(state, SIGN_ALGO_ED25519);
}

/* The openssl command signs, we verify. */
static void we_verify_openssl(void **state, sign_algo algo)
{
    if (!have_openssl())
        skip();
    char report[256], key_path[256], sig_path[256];
    keygen_ok(state, algo, "unit", NULL);
    sign_key *pub = load_public_ok(state, "unit.pub");
    file_write(tpath(report, *state, "r.csv"), small_report, sizeof small_report - 1, 0644);
    tpath(key_path, *state, "unit.key");
    tpath(sig_path, *state, "r.csv.sig");
    const char *opts = algo == SIGN_ALGO_SM2 ? SM2_OPTS : "";

    char *command = NULL;
    assert_true(asprintf(&command, "openssl pkeyutl -sign -inkey '%s' -rawin -in '%s' "
                         "-out '%s' %s", key_path, report, sig_path, opts) >= 0);
    char *out = run_command(command);
    free(command);
    if (!fsutil_exists(sig_path))
        print_error("%s\n", out);
    free(out);
    assert_true(fsutil_exists(sig_path));
    assert_status(sign_verify_file(pub, report, NULL, ERRMSG), SIGN_OK);
    file_write(report, small_report, sizeof small_report - 2, 0644);
    assert_status(sign_verify_file(pub, report, NULL, ERRMSG), SIGN_ERR_BAD_SIGNATURE);

    if (algo == SIGN_ALGO_SM2) {
        /* Signed under another distinguishing ID: we must refuse it. */
        file_write(report, small_report, sizeof small_report - 1, 0644);
        assert_int_equal(unlink(sig_path), 0);
        assert_true(asprintf(&command, "openssl pkeyutl -sign -inkey '%s' -rawin -in '%s' "
                             "-out '%s' -digest sm3 -pkeyopt distid:0000",
                             key_path, report, sig_path) >= 0);
        out = run_command(command);
        free(command);
        free(out);
        assert_true(fsutil_exists(sig_path));
        assert_status(sign_verify_file(pub, report, NULL, ERRMSG), SIGN_ERR_BAD_SIGNATURE);
    }
    sign_key_free(pub);
}

static void test_we_verify_openssl_sm2(void **state)
{
    we_verify_openssl(state, SIGN_ALGO_SM2);
}

static void test_we_verify_openssl_ed25519(void **state)
{
    we_verify_openssl(state, SIGN_ALGO_ED25519);
}

#define T(f) cmocka_unit_test_setup_teardown(f, tdir_setup, tdir_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_algo_names),
        T(test_roundtrip_sm2),
        T(test_roundtrip_ed25519),
        T(test_raw_public_sm2),
        T(test_raw_public_ed25519),
        T(test_key_id_sm2),
        T(test_key_id_ed25519),
        T(test_key_files),
        T(test_keygen_refuses_overwrite),
        T(test_encrypted_key_sm2),
        T(test_encrypted_key_ed25519),
        T(test_empty_passphrase_means_unencrypted),
        T(test_long_passphrase),
        T(test_key_permissions),
        T(test_foreign_key_types),
        T(test_malformed_keys),
        T(test_public_key_cannot_sign),
        T(test_sign_file_refuses_overwrite),
        T(test_size_limits),
        T(test_tamper_sm2),
        T(test_tamper_ed25519),
        T(test_openssl_verifies_sm2),
        T(test_openssl_verifies_ed25519),
        T(test_we_verify_openssl_sm2),
        T(test_we_verify_openssl_ed25519),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

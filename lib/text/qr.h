/* qr — a value as a QR code (libqrencode), drawn as a PNG image: black modules on
 * white with the four-module quiet zone the standard asks for, each module
 * SK_QR_SCALE pixels square (sharp when a reader scales the image up). */
#ifndef SK_QR_H
#define SK_QR_H

#include <stddef.h>

#include "base/common.h"

#define SK_QR_SCALE 8
#define SK_QR_MAX_TEXT 1024 /* bytes a form's QR code may hold (version 40-L holds 2953) */

/* The PNG (*png malloc'd, *len bytes) of text encoded as UTF-8 in byte mode at error
 * correction level M; *side its width and height in pixels. -1 with err when text
 * is empty or too long for a QR code. */
int sk_qr_png(unsigned char **png, size_t *len, int *side, const char *text, sk_err *err);

#endif

/*
 * Test tooling only, never shipped: Wine 8's bcryptprimitives.dll is
 * missing ProcessPrng, which Rust's standard library imports on Windows, so
 * every Rust .exe fails to start under it (c0000135). Placed beside the test
 * binaries, this stand-in answers ProcessPrng from RtlGenRandom.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Secret = Supervisor.Domain.Configuration.Secret;

namespace Supervisor.Node.Http.Auth;

/// <summary>
/// Protects the login cookie with a key derived from <c>supervisor.http.session-secret</c> instead of a key ring of this
/// process: every node given the same secret derives the same keys, so a cookie made by one node is accepted by all.
/// AES-256-GCM (encrypted and authenticated), one key per purpose chain via HKDF-SHA256, a fresh 96-bit nonce per cookie.
/// Nothing is stored; rotating the secret logs everyone out. A tampered or foreign payload throws, and the cookie
/// handler treats that as "no session" (401).
/// </summary>
internal sealed class SessionSecretProtector : IDataProtector
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _secret;
    private readonly string _purposes;
    private readonly byte[] _key;

    public SessionSecretProtector(Secret secret) : this(Encoding.UTF8.GetBytes(secret.Reveal()), "supervisor.http.session") { }

    private SessionSecretProtector(byte[] secret, string purposes)
    {
        _secret = secret;
        _purposes = purposes;
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt: null, info: Encoding.UTF8.GetBytes(purposes));
    }

    // A purpose may hold any text; its length in front keeps "a"+"bc" and "ab"+"c" apart.
    public IDataProtector CreateProtector(string purpose) => new SessionSecretProtector(_secret, $"{_purposes}/{purpose.Length}:{purpose}");

    public byte[] Protect(byte[] plaintext)
    {
        var sealedBox = new byte[1 + NonceSize + TagSize + plaintext.Length];
        sealedBox[0] = Version;
        var nonce = sealedBox.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBox.AsSpan(1 + NonceSize + TagSize), sealedBox.AsSpan(1 + NonceSize, TagSize));
        return sealedBox;
    }

    public byte[] Unprotect(byte[] protectedData)
    {
        if (protectedData.Length < 1 + NonceSize + TagSize || protectedData[0] != Version)
            throw new CryptographicException("not a session payload of this version");
        var plaintext = new byte[protectedData.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        // Throws AuthenticationTagMismatchException for another secret or a changed byte.
        aes.Decrypt(protectedData.AsSpan(1, NonceSize), protectedData.AsSpan(1 + NonceSize + TagSize), protectedData.AsSpan(1 + NonceSize, TagSize), plaintext);
        return plaintext;
    }
}

/// <summary>Hands the cookie handler a <see cref="SessionSecretProtector"/> (it asks the provider for its purpose).</summary>
internal sealed class SessionSecretProtectionProvider(Secret secret) : IDataProtectionProvider
{
    private readonly SessionSecretProtector _root = new(secret);

    public IDataProtector CreateProtector(string purpose) => _root.CreateProtector(purpose);
}

using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace CohesionGeo.GeoApi.Security;

/// <summary>API users in <c>meta.api_users</c>. Tokens are random, shown once, stored only as SHA-256.</summary>
public sealed class ApiUserStore(NpgsqlDataSource dataSource)
{
    /// <summary>Creates a user (or replaces the token of an existing one) and returns the new token.</summary>
    public async Task<string> CreateAsync(string name, Role role, CancellationToken ct)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO meta.api_users (name, role, token_sha256) VALUES ($1, $2, $3)
            ON CONFLICT (name) DO UPDATE SET role = excluded.role, token_sha256 = excluded.token_sha256, disabled = false
            """);
        cmd.Parameters.AddWithValue(name);
        cmd.Parameters.AddWithValue(RoleNames.ToWire(role));
        cmd.Parameters.AddWithValue(Hash(token));
        await cmd.ExecuteNonQueryAsync(ct);
        return token;
    }

    public async Task<Caller?> FindByTokenAsync(string token, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT name, role FROM meta.api_users WHERE token_sha256 = $1 AND NOT disabled");
        cmd.Parameters.AddWithValue(Hash(token));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return RoleNames.TryParse(reader.GetString(1), out var role) ? new Caller(reader.GetString(0), role) : null;
    }

    public async Task<bool> AnyAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM meta.api_users)");
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}

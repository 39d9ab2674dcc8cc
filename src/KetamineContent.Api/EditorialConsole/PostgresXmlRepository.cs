using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace KetamineContent.Api.EditorialConsole;

/// <summary>
/// The data-protection key ring in PostgreSQL, so antiforgery tokens made by one node are read by any other.
/// The interface is synchronous; the key ring is read once and cached by the framework.
/// </summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = dataSource.OpenConnection();
        return connection.Query<string>(ConsoleSql.AllDataProtectionKeys).Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = dataSource.OpenConnection();
        connection.Execute(ConsoleSql.InsertDataProtectionKey, new { Name = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}

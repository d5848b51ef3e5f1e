using CohesionGeo.GeoEngine.Store;

namespace CohesionGeo.GeoEngine.Tests.Store;

public class DatabaseNameTests
{
    [Theory]
    [InlineData("cohesiongeo")]
    [InlineData("t_0123456789abcdef")]
    [InlineData("_x")]
    public void Plain_identifiers_are_accepted(string name) => DatabaseName.Validate(name);

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("1starts_with_digit")]
    [InlineData("x\"; DROP DATABASE postgres; --")]
    [InlineData("has space")]
    [InlineData("a_name_that_is_far_too_long_for_postgresql_identifiers_0123456789")]
    public void Anything_that_would_need_quoting_is_refused(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => DatabaseName.Validate(name));
        Assert.Contains("plain database name", ex.Message, StringComparison.Ordinal);
    }
}

using System.Text;
using System.Text.Json;

namespace BatchCalling.Dialing.Webhook;

/// <summary>The body of a dial (API.md): written straight from the request, custom fields and metadata as the JSON they are.</summary>
internal static class WebhookDialBody
{
    public static string Write(CallRequest request, Uri eventsUrl)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("callId", request.CallId);
            json.WriteNumber("attempt", request.Attempt);
            json.WriteString("jobId", request.JobId);
            json.WriteString("organizationId", request.OrganizationId);
            json.WriteString("to", request.Contact.Phone);
            json.WriteString("from", request.FromNumber);
            json.WriteString("agentId", request.AgentId);
            json.WriteStartObject("contact");
            json.WriteString("name", request.Contact.Name);
            WriteRaw(json, "customFields", request.Contact.CustomFieldsJson ?? "{}");
            json.WriteEndObject();
            WriteRaw(json, "metadata", request.MetadataJson);
            json.WriteString("eventsUrl", eventsUrl.ToString());
            json.WriteNumber("maxDurationSeconds", (int)request.MaxDuration.TotalSeconds);
            json.WriteNumber("ringTimeoutSeconds", CallRequest.RingTimeoutSeconds);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteRaw(Utf8JsonWriter json, string name, string? rawJson)
    {
        json.WritePropertyName(name);
        if (rawJson is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteRawValue(rawJson, skipInputValidation: true);
        }
    }
}

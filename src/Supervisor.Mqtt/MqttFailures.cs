using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using Supervisor.Domain.Configuration;

namespace Supervisor.Mqtt;

/// <summary>A failed connection in words an operator can act on: what the broker said and which key fixes it.</summary>
internal static class MqttFailures
{
    public static string Explain(Exception e, MqttSettings settings) => e switch
    {
        BrokerRefusedException { Code: MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized } f =>
            $"refused the login ({f.Code}{(settings.Username is null ? ", and no username is configured" : $" for user {settings.Username}")}); " +
            $"check {MqttSettings.Path}.username and password against the broker's users",
        BrokerRefusedException f => $"refused the connection ({f.Code}); see the broker's log",
        MqttConnectingFailedException f => $"refused the connection ({f.Message}); see the broker's log",
        _ when Inner<System.Security.Authentication.AuthenticationException>(e) is { } tls =>
            $"failed the TLS handshake ({tls.Message}); check {MqttSettings.Path}.tls-ca, or set tls = off for a plain broker",
        _ when Inner<System.Net.Sockets.SocketException>(e) is { } socket =>
            $"is unreachable ({socket.SocketErrorCode}: {socket.Message}); check {MqttSettings.Path}.broker and that the broker runs",
        MqttCommunicationTimedOutException => $"did not answer in time; check {MqttSettings.Path}.broker (and tls, if the broker expects TLS)",
        _ => $"failed: {e.Message}",
    };

    private static T? Inner<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
            if (e is T found) return found;
        return null;
    }
}

/// <summary>The broker answered CONNECT with a failure code.</summary>
internal sealed class BrokerRefusedException(MqttClientConnectResultCode code) : Exception($"the broker refused the connection: {code}")
{
    public MqttClientConnectResultCode Code { get; } = code;
}

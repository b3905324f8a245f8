import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { strings } from '../../../strings';
import { NICKNAME_MAX } from '../hooks/useLogin';

interface NewUserEntryProps {
  signingIn: boolean;
  disabled: boolean;
  onSignIn: (nickname: string) => void;
}

/** Someone who is none of the seeded users: signs in as a brand-new user, named as typed (or not at all). */
export function NewUserEntry({ signingIn, disabled, onSignIn }: NewUserEntryProps) {
  const [nickname, setNickname] = useState('');
  const s = strings.demoNewUser;
  return (
    <View className='demo-new' data-testid='demo-new-user'>
      <View className='demo-new__head'>
        <View className='demo-user__avatar'>
          <Text>{s.avatar}</Text>
        </View>
        <View className='demo-user__body'>
          <Text className='demo-user__name'>{s.name}</Text>
          <Text className='muted'>{s.hint}</Text>
        </View>
      </View>
      <Input className='demo-new__nickname' value={nickname} maxlength={NICKNAME_MAX} placeholder={s.nicknamePlaceholder} onInput={(event) => setNickname(event.detail.value)} />
      <Button className='btn-primary demo-new__submit' disabled={disabled || undefined} onClick={() => onSignIn(nickname)}>
        {signingIn ? strings.login.signingIn : s.signIn}
      </Button>
    </View>
  );
}
